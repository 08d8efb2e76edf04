// Seal an appended entry with its hash and move the head to it.
MATCH (e:AuditEntry) WHERE elementId(e) = $id
MATCH (head:AuditHead) WHERE elementId(head) = $head_id
SET e.hash = $hash, head.hash = $hash
