// Record an editor's review of a person for publication.
MATCH (p:Person {uid: $person})
SET p.review_status = $status, p.reviewed_by = $by, p.reviewed_on = $on
RETURN p.uid AS uid
