// A researcher's saved console query (theirs alone).
CREATE (q:SavedQuery {uid: $uid, user: $user, title: $title, query: $query,
                      created_at: datetime()})
RETURN q.uid AS uid
