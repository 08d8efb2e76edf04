// The shortest path (at most 8 relationships, any direction, only through relationships
// of $types) between two different vault records $from and $to, through records the
// caller may see only (the visibility rule of match_neighbours), consents never; kept
// only if it is at most $max_length long.
MATCH (a:Entity {uid: $from}), (b:Entity {uid: $to})
WHERE a <> b
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
  AND all(n IN nodes(p) WHERE NOT n:Consent
          AND (n:Public OR n:Restricted
               OR ($organization IS NOT NULL
                   AND (n.owner = $organization OR n.submitted_by = $organization
                        OR ((n:Event OR n:Proceeding)
                            AND EXISTS { MATCH (:Person {owner: $organization})--(n) })))))
WITH p
WHERE length(p) <= $max_length
RETURN [n IN nodes(p) | n.uid] AS nodes,
       [r IN relationships(p) | {id: elementId(r), type: type(r), from: startNode(r).uid,
                                 to: endNode(r).uid, props: properties(r)}] AS rels
