// Disable a user, cancel any pending invitation and revoke every live token of theirs, in
// one transaction.
MATCH (u:User {uid: $uid})
SET u.disabled = true, u.invitation_hash = null, u.invitation_expires_at = null
WITH u
OPTIONAL MATCH (t:ApiToken {user: u.uid})
WHERE t.revoked_at IS NULL
SET t.revoked_at = datetime()
RETURN u.uid AS uid, count(t) AS revoked
