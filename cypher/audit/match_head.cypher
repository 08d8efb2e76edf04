// The head of the audit log: the last sequence number and hash.
OPTIONAL MATCH (head:AuditHead {uid: 'audit-head'})
RETURN head.seq AS seq, head.hash AS hash
