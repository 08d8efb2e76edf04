// A page of one organisation's part of the audit log, newest first (optionally one action
// only): the entries whose actor is one of its users, or whose subject is one of its users
// or a record it owns (itself included). Entries about other organisations' records never
// reach its admins: they would tell that those records exist.
CALL () {
  MATCH (u:User {organization: $organization})
  RETURN collect(u.email) AS emails, collect(u.uid) AS users
}
MATCH (e:AuditEntry)
WHERE e.seq IS NOT NULL AND ($action IS NULL OR e.action = $action)
  AND (e.actor IN emails OR e.subject IN users OR e.subject = $organization
       OR EXISTS { MATCH (n:Entity {uid: e.subject})
                   WHERE n.owner = $organization OR n.submitted_by = $organization })
RETURN e.seq AS seq, e.at AS at, e.actor AS actor, e.action AS action, e.subject AS subject,
       e.details AS details, e.prev_hash AS prev_hash, e.hash AS hash
ORDER BY e.seq DESC
SKIP $skip
LIMIT $limit
