// Every relationship between two Public nodes, with the supporting sources that are
// themselves Public.
MATCH (a:Entity:Public)-[r]->(b:Entity:Public)
WHERE NOT type(r) IN $private_types
RETURN a.uid AS from, type(r) AS type, b.uid AS to, properties(r) AS props,
       [s IN coalesce(r.sources, []) WHERE EXISTS { MATCH (x:Source:Public {uid: s}) }]
         AS public_sources
