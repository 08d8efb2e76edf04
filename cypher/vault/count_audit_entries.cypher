// How many entries the audit log holds (optionally of one action), and what its head says.
OPTIONAL MATCH (head:AuditHead {uid: 'audit-head'})
CALL (head) {
  MATCH (e:AuditEntry) WHERE $action IS NULL OR e.action = $action
  RETURN count(e) AS total
}
RETURN total, head.seq AS head_seq, head.hash AS head_hash
