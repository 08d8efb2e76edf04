// A console query run by a user, kept in their history; only the newest $keep stay.
CREATE (r:QueryRun {uid: $uid, user: $user, query: $query, rows: $rows, outcome: $outcome,
                    at: datetime()})
WITH r
CALL (r) {
  MATCH (old:QueryRun {user: r.user})
  WITH old ORDER BY old.at DESC
  SKIP $keep
  DELETE old
}
RETURN r.uid AS uid
