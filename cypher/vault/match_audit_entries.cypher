// A page of the audit log, newest first (optionally one action only). The range over seq
// uses the AuditEntry.seq index, so a page costs the same however long the log is.
MATCH (e:AuditEntry)
WHERE e.seq IS NOT NULL AND ($action IS NULL OR e.action = $action)
RETURN e.seq AS seq, e.at AS at, e.actor AS actor, e.action AS action, e.subject AS subject,
       e.details AS details, e.prev_hash AS prev_hash, e.hash AS hash
ORDER BY e.seq DESC
SKIP $skip
LIMIT $limit
