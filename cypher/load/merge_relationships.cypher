// Upsert a batch of relationships, keyed by their two ends, their type and an
// optional key (so that a re-run of the same file creates nothing new). Returns,
// per row, whether it was created, or changed (the importer folds repeats of one
// relationship into one row, so each row sees the store as it was before).
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
WITH a, b, row,
     [(a)-[old]->(b) WHERE type(old) = row.type AND old.key = row.key | properties(old)] AS before
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r += row.props
RETURN row.type AS type, size(before) = 0 AS created,
       size(before) > 0 AND before[0] <> properties(r) AS changed
