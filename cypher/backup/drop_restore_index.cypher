// The restore's index, once no node carries a backup's element id any more.
DROP INDEX backup_restore_id IF EXISTS
