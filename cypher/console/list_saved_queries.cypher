// One user's saved console queries, newest first.
MATCH (q:SavedQuery {user: $user})
RETURN q {.uid, .title, .query, .created_at} AS saved
ORDER BY q.created_at DESC
LIMIT $limit
