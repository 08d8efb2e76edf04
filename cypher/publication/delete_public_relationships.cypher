// Full rebuild: remove up to $limit public relationships (called until none are left,
// inside the rebuild's transaction, so readers still see the old generation).
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
