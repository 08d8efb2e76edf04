// Revoke one token (a no-op for a token already revoked); says whose it was.
MATCH (t:ApiToken {uid: $uid})
WHERE t.revoked_at IS NULL
SET t.revoked_at = datetime()
RETURN count(t) AS revoked, collect(t.user)[0] AS user
