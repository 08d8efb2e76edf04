// One hop of a neighbourhood: for each node in $frontier, at most $per_node + 1
// of its relationships to public nodes, optionally only of $types, leaving out
// events outside [$date_from, $date_to] (ISO dates; an undated event is left
// out when a range is given). The extra row tells the caller a node had more.
// No ORDER BY: sorting would read every relationship of a dense place (a prison
// with 2,000 of them at 250,000 victims) to keep a few; unsorted, the expansion
// stops at the quota. The rows come in the store's order, which only a
// publication changes. The other node comes as its uid only: the caller
// fetches the properties of the nodes it keeps with public/match_nodes.
UNWIND $frontier AS uid
MATCH (a:Entity {uid: uid})
CALL (a) {
  MATCH (a)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT b:Event OR (
          ($date_from IS NULL OR coalesce(b.date_end, b.date_start) >= date($date_from))
          AND ($date_to IS NULL OR coalesce(b.date_start, b.date_end) <= date($date_to))))
  WITH r, b
  LIMIT $per_node + 1
  RETURN collect({rel: {id: elementId(r), type: type(r), from: startNode(r).uid,
                        to: endNode(r).uid, props: properties(r)},
                  other: b.uid}) AS rows
}
RETURN uid, rows
