// One user by e-mail address or by uid, with the password hash (for login checks only).
MATCH (u:User)
WHERE u.email = $email OR u.uid = $uid
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled,
          .invitation_expires_at, password_set: u.password_hash IS NOT NULL} AS user,
       u.password_hash AS password_hash
LIMIT 1
