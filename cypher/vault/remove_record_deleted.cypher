// Undo a soft delete: the record is read and decided again like any other.
MATCH (n:Entity:Deleted {uid: $uid})
REMOVE n:Deleted, n.deleted_on, n.deleted_by, n.deleted_reason
RETURN n.uid AS uid
