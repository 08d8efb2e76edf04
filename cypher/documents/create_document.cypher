// A new document with its links: the source it belongs to and the records it is about.
// Every end must exist (the caller checked them in the same transaction).
CREATE (d:Entity:Document)
SET d = $props
WITH d
MATCH (s:Source {uid: $source})
CREATE (d)-[:FROM_SOURCE {key: ''}]->(s)
WITH d
UNWIND $about AS target
MATCH (x:Entity {uid: target})
CREATE (d)-[:ABOUT {key: ''}]->(x)
RETURN count(*) AS linked
