// Every person's names, for the free-text gate's name index (public or not: which
// persons are public is looked up when a text is checked).
MATCH (p:Person)
RETURN p.uid AS uid, p.name_en AS name_en, p.name_ko AS name_ko,
       p.name_variants AS name_variants
