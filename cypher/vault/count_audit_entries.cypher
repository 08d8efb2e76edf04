// How many entries of one organisation's part of the audit log there are (optionally of one
// action; the same selection as match_audit_entries), and what the log's head says.
CALL () {
  MATCH (u:User {organization: $organization})
  RETURN collect(u.email) AS emails, collect(u.uid) AS users
}
OPTIONAL MATCH (e:AuditEntry)
WHERE ($action IS NULL OR e.action = $action)
  AND (e.actor IN emails OR e.subject IN users OR e.subject = $organization
       OR EXISTS { MATCH (n:Entity {uid: e.subject})
                   WHERE n.owner = $organization OR n.submitted_by = $organization })
WITH count(e) AS total
OPTIONAL MATCH (head:AuditHead {uid: 'audit-head'})
RETURN total, head.seq AS head_seq, head.hash AS head_hash
