// Two-factor sign-in enabled: the TOTP secret, the hashes of the recovery codes, and the
// time step of the code that confirmed it (that code is used).
MATCH (u:User {uid: $user})
SET u.totp_secret = $secret, u.totp_enabled_at = datetime(), u.totp_last_step = $step,
    u.recovery_hashes = $recovery_hashes
RETURN u.uid AS uid
