// Locations with coordinates that public victims are linked to by relationship
// type $type (LIVED_AT, TAKEN_FROM, LAST_SEEN_AT, HELD_AT), with how many victims
// each and the first $per_location of them by name.
MATCH (p:Victim)-[r]->(l:Location)
WHERE type(r) = $type AND l.coords IS NOT NULL
WITH DISTINCT l, p
ORDER BY p.name_en, p.uid
WITH l, count(p) AS n,
     collect({uid: p.uid, name_en: p.name_en, name_ko: p.name_ko})[..$per_location] AS victims
RETURN l.uid AS uid, l.name_en AS name_en, l.name_ko AS name_ko, l.kind AS kind,
       l.facility_type AS facility_type, l.coords AS coords, n, victims
ORDER BY n DESC, uid
