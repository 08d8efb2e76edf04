// The relationships of one record to Public records, as stream_public_relationships_of
// reads them: what the record's public page would link to if the policy cleared it.
MATCH (n:Entity {uid: $uid})-[r]-(o:Entity:Public)
WHERE NOT type(r) IN $private_types AND NOT n:Deleted
RETURN startNode(r).uid AS from, type(r) AS type, endNode(r).uid AS to,
       properties(r) AS props,
       [s IN coalesce(r.sources, []) WHERE EXISTS { MATCH (x:Source:Public {uid: s}) }]
         AS public_sources
