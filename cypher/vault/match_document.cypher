// One document as the vault shows it: its labels, every property, and the uids of its
// source and of the records it is about (the caller keeps those it may see). A deleted
// document is not there.
MATCH (d:Document {uid: $uid})
WHERE NOT d:Deleted
RETURN d.uid AS uid, labels(d) AS labels, properties(d) AS props,
       [(d)-[:FROM_SOURCE]->(s:Entity) | s.uid] AS sources,
       [(d)-[:ABOUT]->(x:Entity) | x.uid] AS about
