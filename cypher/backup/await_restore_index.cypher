// Wait until the restore's index is online (seconds).
CALL db.awaitIndex('backup_restore_id', $seconds)
