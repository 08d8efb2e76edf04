// Up to $k (at most 10) shortest paths between the public nodes $from and $to,
// shortest first, each at most $max_length (and 8) relationships long, in any
// direction, optionally only through relationships of $types.
MATCH (a:Entity {uid: $from}), (b:Entity {uid: $to})
MATCH p = SHORTEST 10 (a)-[r WHERE $types IS NULL OR type(r) IN $types]-{1,8}(b)
WITH p
WHERE length(p) <= $max_length
ORDER BY length(p)
LIMIT $k
RETURN [n IN nodes(p) | {uid: n.uid, labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) | {id: elementId(r), type: type(r), from: startNode(r).uid,
                                 to: endNode(r).uid, props: properties(r)}] AS rels
