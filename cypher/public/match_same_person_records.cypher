// The public people $uids -- the records judged to be the same person as a profile's
// person, found by following SAME_AS, which the public graph holds only when every
// record of the judged cluster is public -- each with the organisations that submitted
// the public sources supporting it or clearing it for publication.
UNWIND $uids AS uid
MATCH (p:Person {uid: uid})
CALL (p) {
  CALL (p) {
    MATCH (s:Source)-[:SUPPORTS]->(p)
    RETURN s
    UNION
    UNWIND coalesce(p.cleared_sources, []) AS source_uid
    MATCH (s:Entity {uid: source_uid}) WHERE s:Source
    RETURN s
  }
  MATCH (o:Entity {uid: s.submitted_by}) WHERE o:Organization
  WITH DISTINCT o ORDER BY o.uid
  RETURN collect({uid: o.uid, labels: labels(o), props: properties(o)}) AS organizations
}
RETURN p.uid AS uid, labels(p) AS labels, properties(p) AS props, organizations
ORDER BY uid
