// The terms of use and the editor's review of each source.
UNWIND $uids AS uid
MATCH (s:Source {uid: uid})
RETURN s.uid AS uid, s.terms_of_use AS terms_of_use, s.review_status AS review_status
