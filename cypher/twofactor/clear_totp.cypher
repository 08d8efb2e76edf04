// Two-factor sign-in reset (the user sets it up again at their next sign-in).
MATCH (u:User {uid: $user})
REMOVE u.totp_secret, u.totp_enabled_at, u.totp_last_step, u.recovery_hashes
RETURN u.uid AS uid
