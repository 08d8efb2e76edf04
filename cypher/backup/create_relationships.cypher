// One frame of a backup's relationships, between the nodes the restore created for their
// ends (found by their element ids in the backup).
UNWIND $rows AS row
MATCH (a:BackupRestoring {backup_restore_id: row.start})
MATCH (b:BackupRestoring {backup_restore_id: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
