// Locations with coordinates that public victims are linked to by relationship
// type $type (LIVED_AT, TAKEN_FROM, LAST_SEEN_AT, HELD_AT), with how many victims
// each and the first $per_location of them by name.
// The search's filters narrow the victims counted (each null = no filter; a list
// filter matches any of its values), read, as search_victims does, from the
// facets the publication derives on each victim: $category, $sex, $perpetrator
// (vocabulary keys) and $year_from/$year_to (the year of any event the victim
// was subjected to).
MATCH (p:Victim)-[r]->(l:Location)
WHERE type(r) = $type AND l.coords IS NOT NULL
  AND ($category IS NULL OR p.category IN $category)
  AND ($sex IS NULL OR p.sex IN $sex)
  AND ($perpetrator IS NULL OR any(k IN $perpetrator WHERE 'perpetrator:' + k IN p.facet_keys))
  AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN p.facet_years
        WHERE ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to)))
WITH DISTINCT l, p
ORDER BY p.name_en, p.uid
WITH l, count(p) AS n,
     collect({uid: p.uid, name_en: p.name_en, name_ko: p.name_ko})[..$per_location] AS victims
RETURN l.uid AS uid, l.name_en AS name_en, l.name_ko AS name_ko, l.kind AS kind,
       l.facility_type AS facility_type, l.coords AS coords, n, victims
ORDER BY n DESC, uid
