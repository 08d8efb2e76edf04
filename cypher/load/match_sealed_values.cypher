// The stored values of the fields that may be sealed, and the labels, of records about to
// be merged: an unchanged sealed value keeps its sealed form (a re-import changes nothing),
// and which fields are sealed follows the roles the merge leaves the record with.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels, [f IN $fields | n[f]] AS values
