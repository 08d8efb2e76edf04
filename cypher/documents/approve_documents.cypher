// The demo's editor approves its documents for publication (the policy still decides).
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
SET d.review_status = 'approved', d.reviewed_by = $by, d.reviewed_on = date()
RETURN count(d) AS approved
