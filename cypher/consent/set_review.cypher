// Record an editor's review for publication (of a person, a source or a reference record).
MATCH (n:Entity {uid: $uid})
SET n.review_status = $status, n.reviewed_by = $by, n.reviewed_on = $on
RETURN n.uid AS uid
