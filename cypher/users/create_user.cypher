// Create a user account. The e-mail constraint refuses a second account per address.
CREATE (u:User {uid: $uid, email: $email, name: $display_name, role: $role,
                organization: $organization, password_hash: $password_hash,
                created_at: datetime(), disabled: false})
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled} AS user
