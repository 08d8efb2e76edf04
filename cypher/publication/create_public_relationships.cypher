// Write projected relationships into a public graph whose relationships were just
// deleted in the same transaction (full rebuild). CREATE, not MERGE: a MERGE checks
// the relationships already written to each end in this transaction, and for a dense
// node (a prison, a province) that check grows with every row: quadratic at scale.
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.generation = $generation
