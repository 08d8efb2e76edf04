// Create a batch of domain nodes whose uids the store does not hold yet (the
// importer checked just before): a first load needs no MERGE's lookup.
UNWIND $rows AS row
CREATE (n:Entity {uid: row.uid})
SET n:$(row.labels)
SET n += row.props
