// While a restore runs, each node it creates carries the element id it had in the backup,
// so that relationships find their ends through this index (memory flat in the size of
// the backup, unlike a map of every old id to its new one).
CREATE INDEX backup_restore_id IF NOT EXISTS FOR (n:BackupRestoring) ON (n.backup_restore_id)
