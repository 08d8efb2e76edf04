// A new session of a user, at one stage of signing in. Only the sha256 of its secret is
// kept: the cookie's value is a credential and never stored as it is.
MATCH (u:User {uid: $user})
WHERE NOT coalesce(u.disabled, false)
CREATE (s:Session {uid: $uid, secret_hash: $secret_hash, user: u.uid, stage: $stage,
                   csrf: $csrf, created_at: datetime(), last_seen_at: datetime(),
                   expires_at: datetime() + duration({minutes: $absolute_minutes}),
                   idle_minutes: $idle_minutes, pending_totp: $pending_totp})
RETURN s.uid AS uid
