// One hop of a neighbourhood: relationships from the nodes in $frontier to
// any public node, optionally only of $types, leaving out events outside
// [$date_from, $date_to] (ISO dates; an undated event is left out when a
// range is given). At most $limit rows. The other node comes as its uid only:
// the caller keeps at most a few hundred of them and fetches their properties
// with public/match_nodes (at a dense place, most rows are dropped by the cap).
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
       b.uid AS other
