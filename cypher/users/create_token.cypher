// Issue an API token for an enabled user: only the sha256 of its secret is stored.
MATCH (u:User {uid: $user})
WHERE NOT coalesce(u.disabled, false)
CREATE (t:ApiToken {uid: $uid, token_hash: $token_hash, user: u.uid, label: $label,
                    created_at: datetime(), revoked_at: null})
RETURN t {.uid, .user, .label, .created_at} AS token
