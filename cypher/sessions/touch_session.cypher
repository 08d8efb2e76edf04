// The session was used: its idle clock starts again.
MATCH (s:Session {uid: $uid})
SET s.last_seen_at = datetime()
