// Soft delete: the record stays in the vault (the audit log and a later undelete refer to
// it) but carries the Deleted label, which every vault read and the consent policy exclude.
MATCH (n:Entity {uid: $uid})
WHERE NOT n:Deleted
SET n:Deleted, n.deleted_on = $on, n.deleted_by = $by, n.deleted_reason = $reason
RETURN n.uid AS uid
