// Victims the demo's documents are about, each with a source that supports them, public
// ones first, in a stable order: consent will decide what becomes of each document.
MATCH (s:Source)-[:SUPPORTS]->(p:Person:Victim)
WHERE NOT p:Deleted AND NOT s:Deleted
WITH p, s ORDER BY s.uid
WITH p, collect(s)[0] AS s
RETURN p.uid AS person, p.name_en AS name_en, p.name_ko AS name_ko, p.owner AS owner,
       s.uid AS source, s.submitted_by AS submitted_by,
       p:Public AS person_public, s:Public AS source_public
ORDER BY CASE WHEN p:Public THEN 0 ELSE 1 END, p.uid
LIMIT $limit
