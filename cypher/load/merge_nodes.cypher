// Upsert a batch of domain nodes by uid. Every domain node also carries the
// :Entity label so that relationship loads find either end by uid alone.
UNWIND $rows AS row
MERGE (n:Entity {uid: row.uid})
SET n:$(row.labels)
SET n += row.props
