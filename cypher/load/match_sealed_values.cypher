// The stored (sealed) values of the given fields of records about to be merged, so that
// an unchanged value keeps its sealed form and a re-import changes nothing.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
WHERE n.sealed_with IS NOT NULL
RETURN n.uid AS uid, [f IN $fields | n[f]] AS values
