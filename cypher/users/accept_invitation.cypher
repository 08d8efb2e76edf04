// Redeem a live invitation: set the account's first password and forget the invitation.
MATCH (u:User {invitation_hash: $invitation_hash})
WHERE u.password_hash IS NULL AND NOT coalesce(u.disabled, false)
  AND u.invitation_expires_at > datetime()
SET u.password_hash = $password_hash, u.invitation_hash = null, u.invitation_expires_at = null
RETURN u {.uid, .email, .name, .role, .organization} AS user
