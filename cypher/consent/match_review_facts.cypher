// The editor's review of each reference record (places, bodies, organisations, law).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, n.review_status AS review_status
