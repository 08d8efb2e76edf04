// Create a user account. The e-mail constraint refuses a second account per address.
// An invited account has no password yet: only the sha256 of its invitation secret, until
// the invitation expires or its holder sets a password with it.
CREATE (u:User {uid: $uid, email: $email, name: $display_name, role: $role,
                organization: $organization, password_hash: $password_hash,
                invitation_hash: $invitation_hash,
                invitation_expires_at: CASE WHEN $invitation_hash IS NULL THEN null
                                            ELSE datetime() + duration({hours: $hours}) END,
                created_at: datetime(), disabled: false})
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled,
          .invitation_expires_at, password_set: u.password_hash IS NOT NULL} AS user
