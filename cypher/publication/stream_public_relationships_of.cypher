// The relationships between two Public nodes that touch $uids (an incremental
// republish), each once, from the uid index outwards: a filter over every
// relationship would make a withdrawal cost grow with the size of the vault.
UNWIND $uids AS uid
MATCH (:Entity:Public {uid: uid})-[r]-(:Entity:Public)
WHERE NOT type(r) IN $private_types
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.uid AS from, type(r) AS type, b.uid AS to, properties(r) AS props,
       [s IN coalesce(r.sources, []) WHERE EXISTS { MATCH (x:Source:Public {uid: s}) }]
         AS public_sources
