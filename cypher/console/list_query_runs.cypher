// One user's console history, newest first.
MATCH (r:QueryRun {user: $user})
RETURN r {.uid, .query, .rows, .outcome, .at} AS run
ORDER BY r.at DESC
LIMIT $limit
