// Upsert a batch of domain nodes by uid. Every domain node also carries the
// :Entity label so that relationship loads find either end by uid alone.
// Returns, per row, whether the node changed: Neo4j's counters count a property
// set to the value it already had, so a re-import would look like an update.
UNWIND $rows AS row
MERGE (n:Entity {uid: row.uid})
WITH n, row, properties(n) AS before, size(labels(n)) AS labelled
SET n:$(row.labels)
SET n += row.props
RETURN row.labels[0] AS label, before <> properties(n) OR labelled <> size(labels(n)) AS changed
