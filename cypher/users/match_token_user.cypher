// The enabled user behind a live (unrevoked) token hash.
MATCH (t:ApiToken {token_hash: $token_hash})
WHERE t.revoked_at IS NULL
MATCH (u:User {uid: t.user})
WHERE NOT coalesce(u.disabled, false)
RETURN u {.uid, .email, .name, .role, .organization} AS user, t.uid AS token_uid
