// End every session of a user (their two-factor sign-in was reset, or they were disabled).
MATCH (s:Session {user: $user})
DELETE s
RETURN count(*) AS deleted
