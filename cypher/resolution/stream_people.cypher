// Every person with what duplicate detection compares: names, birth year, sex,
// nationality, victim category and the places they lived at or were taken from.
MATCH (p:Person)
RETURN p.uid AS uid, p.name_en AS name_en, p.name_ko AS name_ko, p.name_variants AS name_variants,
       p.birth_year AS birth_year, p.sex AS sex, p.nationality AS nationality,
       p.category AS category, [(p)-[:LIVED_AT|TAKEN_FROM]->(l:Location) | l.uid] AS places
