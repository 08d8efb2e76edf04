// One public node labelled $label, its relationships grouped by type and
// direction (at most $per_group of each, with the full count), the public
// sources behind it and the proceedings linked to it.
MATCH (n:Entity {uid: $uid})
WHERE $label IN labels(n)
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(m:Entity)
  WITH r, m, CASE WHEN r IS NULL THEN null WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
  ORDER BY type(r), direction, coalesce(m.name_en, m.reference, m.title, toString(m.date_start), m.uid)
  WITH type(r) AS type, direction, count(r) AS total,
       collect({rel: {id: elementId(r), type: type(r), from: startNode(r).uid, to: endNode(r).uid,
                      props: properties(r)},
                node: {uid: m.uid, labels: labels(m), props: properties(m)}}) AS items
  WHERE type IS NOT NULL
  RETURN collect({type: type, direction: direction, total: total, items: items[..$per_group]}) AS groups
}
CALL (n) {
  OPTIONAL MATCH (n)-[r]-()
  UNWIND coalesce(r.sources, []) AS cited
  RETURN collect(DISTINCT cited) AS cited
}
CALL (n, cited) {
  // By uid through the index, and by SUPPORTS from n: never a scan of every source.
  CALL (n, cited) {
    UNWIND cited + coalesce(n.cleared_sources, []) AS source_uid
    MATCH (s:Entity {uid: source_uid}) WHERE s:Source
    RETURN s
    UNION
    MATCH (s:Source)-[:SUPPORTS]->(n)
    RETURN s
  }
  WITH s ORDER BY s.uid
  RETURN collect({uid: s.uid, labels: labels(s), props: properties(s)}) AS sources
}
CALL (n) {
  OPTIONAL MATCH (p:Proceeding)--(n)
  WITH DISTINCT p ORDER BY p.date_filed, p.uid
  RETURN collect({uid: p.uid, labels: labels(p), props: properties(p)}) AS proceedings
}
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props, groups, sources, proceedings
