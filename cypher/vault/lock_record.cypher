// Take the write lock on a record before reading it, so that a compare-and-set on its
// ETag cannot interleave with another editor's (the documented cure for lost updates).
MATCH (n:Entity {uid: $uid})
SET n._lock = true
REMOVE n._lock
RETURN n AS node, labels(n) AS labels, properties(n) AS props
