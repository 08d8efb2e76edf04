// The audit log in sequence order, and its head.
MATCH (e:AuditEntry)
RETURN e.seq AS seq, e.at AS at, e.actor AS actor, e.action AS action, e.subject AS subject,
       e.details AS details, e.prev_hash AS prev_hash, e.hash AS hash
ORDER BY e.seq
