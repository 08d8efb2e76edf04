// One hop of a neighbourhood: relationships from the nodes in $frontier to
// any public node, optionally only of $types, leaving out events outside
// [$date_from, $date_to] (ISO dates; an undated event is left out when a
// range is given). At most $limit rows.
UNWIND $frontier AS uid
MATCH (a:Entity {uid: uid})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND (NOT b:Event OR (
        ($date_from IS NULL OR coalesce(b.date_end, b.date_start) >= date($date_from))
        AND ($date_to IS NULL OR coalesce(b.date_start, b.date_end) <= date($date_to))))
WITH r, b
ORDER BY type(r), b.uid
LIMIT $limit
RETURN {id: elementId(r), type: type(r), from: startNode(r).uid, to: endNode(r).uid,
        props: properties(r)} AS rel,
       {uid: b.uid, labels: labels(b), props: properties(b)} AS node
