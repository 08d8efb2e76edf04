// A recovery code was used: it is struck off.
MATCH (u:User {uid: $user})
WHERE $hash IN coalesce(u.recovery_hashes, [])
SET u.recovery_hashes = [h IN u.recovery_hashes WHERE h <> $hash]
RETURN size(u.recovery_hashes) AS left
