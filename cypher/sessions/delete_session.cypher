// End a session (sign-out, or its stage of signing in is over).
MATCH (s:Session {uid: $uid})
DELETE s
RETURN count(*) AS deleted
