// The shortest path (at most 8 relationships, any direction, optionally only
// through relationships of $types) between two different public nodes $from
// and $to, kept only if it is at most $max_length long.
// shortestPath with the type predicate on all(...) relationships runs a
// bidirectional breadth-first search that checks the predicate while
// expanding, far quicker than the equivalent SHORTEST 1 quantified pattern
// (docs/performance.md). The length is checked after the search, so that no
// predicate makes the planner fall back to an exhaustive search.
MATCH (a:Entity {uid: $from}), (b:Entity {uid: $to})
WHERE a <> b
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE $types IS NULL OR type(r) IN $types)
WITH p
WHERE length(p) <= $max_length
RETURN [n IN nodes(p) | {uid: n.uid, labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) | {id: elementId(r), type: type(r), from: startNode(r).uid,
                                 to: endNode(r).uid, props: properties(r)}] AS rels
