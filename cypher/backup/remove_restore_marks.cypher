// The restore's marks off every node it created, in batches (auto-commit transaction).
MATCH (n:BackupRestoring)
CALL (n) { REMOVE n:BackupRestoring REMOVE n.backup_restore_id } IN TRANSACTIONS OF 10000 ROWS
