// The relationships of the given types that leave the given records ($outgoing true) or
// reach them ($outgoing false), with the record at the other end: a case file is built
// hop by hop from its proceeding, and each hop only through records the reader may see.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})-[r]-(o:Entity)
WHERE type(r) IN $types AND (startNode(r) = n) = $outgoing
RETURN type(r) AS type, startNode(r).uid AS start, endNode(r).uid AS end,
       properties(r) AS props
