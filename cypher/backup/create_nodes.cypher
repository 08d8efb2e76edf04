// One frame of a backup's nodes: each created with all its labels and properties, marked
// with its element id in the backup until the restore's relationships are in.
UNWIND $rows AS row
CREATE (n:$(row.labels + ['BackupRestoring']))
SET n = row.props, n.backup_restore_id = row.id
RETURN count(n) AS created
