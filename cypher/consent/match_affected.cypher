// The records whose visibility can change with the given people: themselves,
// the events they were subjected to or witnessed, and the proceedings about them.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
OPTIONAL MATCH (n)-[:SUBJECTED_TO|WITNESSED]->(e:Event)
OPTIONAL MATCH (pr:Proceeding)-[:CONCERNS]->(n)
WITH collect(DISTINCT n.uid) + collect(DISTINCT e.uid) + collect(DISTINCT pr.uid) AS uids
UNWIND uids AS affected
RETURN DISTINCT affected AS uid
