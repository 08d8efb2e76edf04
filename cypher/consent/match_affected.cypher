// The records whose visibility can change with the given people: themselves,
// the events they were subjected to or witnessed, the proceedings about them, and the
// documents about any of these or from a given source.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
OPTIONAL MATCH (n)-[:SUBJECTED_TO|WITNESSED]->(e:Event)
OPTIONAL MATCH (pr:Proceeding)-[:CONCERNS]->(n)
WITH collect(DISTINCT n) + collect(DISTINCT e) + collect(DISTINCT pr) AS records
UNWIND records AS r
OPTIONAL MATCH (doc:Document)-[:ABOUT|FROM_SOURCE]->(r)
WITH collect(DISTINCT r.uid) + collect(DISTINCT doc.uid) AS uids
UNWIND uids AS affected
RETURN DISTINCT affected AS uid
