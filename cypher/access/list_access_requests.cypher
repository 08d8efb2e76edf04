// Requests for console access with a given status (every status when $status is null),
// oldest pending first.
MATCH (r:AccessRequest)
WHERE $status IS NULL OR r.status = $status
RETURN r {.uid, .name, .email, .affiliation, .purpose, .status, .created_at, .decided_at,
          .decided_by, .organization, .user, .reason} AS request
ORDER BY r.created_at
LIMIT $limit
