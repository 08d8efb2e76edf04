// Give each node exactly one consent label.
UNWIND $rows AS row
MATCH (n:Entity {uid: row.uid})
REMOVE n:Public:Restricted:Confidential
SET n:$(row.label)
