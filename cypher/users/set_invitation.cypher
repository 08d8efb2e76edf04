// A new invitation for an enabled account that has never had a password (a password, once
// set, is never replaced by an invitation: that would let whoever invites sign in as them).
MATCH (u:User {uid: $uid})
WHERE u.password_hash IS NULL AND NOT coalesce(u.disabled, false)
SET u.invitation_hash = $invitation_hash,
    u.invitation_expires_at = datetime() + duration({hours: $hours})
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled,
          .invitation_expires_at, password_set: false} AS user
