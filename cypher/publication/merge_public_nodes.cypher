// Write projected nodes into the public graph, replacing all their properties.
UNWIND $rows AS row
MERGE (n:Entity {uid: row.uid})
REMOVE n:Victim:Witness:Relative:Official
SET n = row.props, n.generation = $generation
SET n:$(row.labels)
