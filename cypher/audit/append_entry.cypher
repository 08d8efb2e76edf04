// Append one entry to the hash-chained audit log. The head node is written
// first, which takes its write lock: concurrent appends queue up behind it, so
// sequence numbers and the chain stay gap-free.
MERGE (head:AuditHead {uid: 'audit-head'})
  ON CREATE SET head.seq = 0, head.hash = ''
SET head.lock = coalesce(head.lock, 0) + 1
WITH head
CREATE (e:AuditEntry {uid: 'audit-' + toString(head.seq + 1), seq: head.seq + 1,
                      at: $at, actor: $actor, action: $action, subject: $subject,
                      details: $details, prev_hash: head.hash})
SET head.seq = e.seq
RETURN e.seq AS seq, e.prev_hash AS prev_hash, elementId(e) AS id, elementId(head) AS head_id
