// Replace a user's password hash (a rehash with current argon2 parameters, or a new password).
MATCH (u:User {uid: $uid})
SET u.password_hash = $password_hash
RETURN u.uid AS uid
