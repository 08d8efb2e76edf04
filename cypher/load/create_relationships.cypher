// Create a batch of relationships between nodes this same import created:
// none can exist between them yet, so there is nothing for MERGE to find
// (the importer folds repeats of one relationship in the file into one row).
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
CREATE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r += row.props
