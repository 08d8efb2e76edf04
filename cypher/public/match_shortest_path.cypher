// The shortest path (at most 8 relationships, any direction, optionally only
// through relationships of $types) between the public nodes $from and $to,
// kept only if it is at most $max_length long.
MATCH (a:Entity {uid: $from}), (b:Entity {uid: $to})
MATCH p = SHORTEST 1 (a)-[r WHERE $types IS NULL OR type(r) IN $types]-{1,8}(b)
WITH p
WHERE length(p) <= $max_length
RETURN [n IN nodes(p) | {uid: n.uid, labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) | {id: elementId(r), type: type(r), from: startNode(r).uid,
                                 to: endNode(r).uid, props: properties(r)}] AS rels
