// Every user (never a password hash) with the number of live tokens.
MATCH (u:User)
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled,
          active_tokens: COUNT { MATCH (t:ApiToken {user: u.uid}) WHERE t.revoked_at IS NULL }} AS user
ORDER BY u.email
