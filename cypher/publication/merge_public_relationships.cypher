// Write projected relationships into the public graph.
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r = row.props, r.generation = $generation
