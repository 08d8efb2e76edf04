// What checks a user's second factor.
MATCH (u:User {uid: $user})
RETURN u.totp_secret AS secret, u.totp_last_step AS last_step,
       coalesce(u.recovery_hashes, []) AS recovery_hashes
