// Disable a user, cancel any pending invitation, end their workspace sessions and revoke
// every live token of theirs, in one transaction.
MATCH (u:User {uid: $uid})
SET u.disabled = true, u.invitation_hash = null, u.invitation_expires_at = null
WITH u
CALL (u) {
  MATCH (s:Session {user: u.uid})
  DELETE s
}
OPTIONAL MATCH (t:ApiToken {user: u.uid})
WHERE t.revoked_at IS NULL
SET t.revoked_at = datetime()
RETURN u.uid AS uid, count(t) AS revoked
