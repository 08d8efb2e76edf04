// A secret offered for enrolment, kept with the session until a code confirms it.
MATCH (s:Session {uid: $uid})
SET s.pending_totp = $secret
