// Pause the vault's audited writes for as long as the backup's transaction is open: every
// audited change appends its entry in its own transaction, which writes the audit log's
// head first (audit/append_entry), and every publication takes the publication lock. The
// backup takes both write locks (a property set and removed again writes nothing) and
// holds them until it rolls back, so those writes wait, and a change that holds the head
// already is waited for before the snapshot is read. Creates the head of an empty log.
MERGE (head:AuditHead {uid: 'audit-head'})
  ON CREATE SET head.seq = 0, head.hash = ''
SET head.backup_pause = true
REMOVE head.backup_pause
WITH head
MERGE (lock:PublicationLock {uid: 'publication-lock'})
SET lock.backup_pause = true
REMOVE lock.backup_pause
RETURN head.seq AS audit_seq
