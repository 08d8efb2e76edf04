// A live session by the sha256 of its secret, with its user: not expired, not idle for
// longer than allowed, and its account enabled.
MATCH (s:Session {secret_hash: $secret_hash})
MATCH (u:User {uid: s.user})
WHERE s.expires_at > datetime()
  AND s.last_seen_at + duration({minutes: s.idle_minutes}) > datetime()
  AND NOT coalesce(u.disabled, false)
RETURN s {.uid, .stage, .csrf, .pending_totp, .created_at, .last_seen_at, .expires_at} AS session,
       u {.uid, .email, .name, .role, .organization,
          totp: u.totp_secret IS NOT NULL} AS user
