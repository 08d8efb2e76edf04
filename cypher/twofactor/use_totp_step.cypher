// A code was accepted: no code of this time step or an earlier one is accepted again.
MATCH (u:User {uid: $user})
WHERE coalesce(u.totp_last_step, -1) < $step
SET u.totp_last_step = $step
RETURN u.uid AS uid
