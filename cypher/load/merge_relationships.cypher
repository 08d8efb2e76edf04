// Upsert a batch of relationships, keyed by their two ends, their type and an
// optional key (so that a re-run of the same file creates nothing new).
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r += row.props
