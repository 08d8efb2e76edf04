// One user by e-mail address or by uid, with the password hash (for login checks only).
MATCH (u:User)
WHERE u.email = $email OR u.uid = $uid
RETURN u {.uid, .email, .name, .role, .organization, .created_at, .disabled} AS user,
       u.password_hash AS password_hash
LIMIT 1
