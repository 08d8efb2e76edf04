// One user's API tokens, newest first: never their hashes.
MATCH (t:ApiToken {user: $user})
RETURN t {.uid, .label, .created_at, .revoked_at} AS token
ORDER BY t.created_at DESC
