// The users of one organisation (every user when $organization is null: the operator's
// CLI), never a password hash, with the number of live tokens.
MATCH (u:User)
WHERE $organization IS NULL OR u.organization = $organization
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled,
          .invitation_expires_at, password_set: u.password_hash IS NOT NULL,
          active_tokens: COUNT { MATCH (t:ApiToken {user: u.uid}) WHERE t.revoked_at IS NULL }} AS user
ORDER BY u.email
