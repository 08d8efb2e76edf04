// The records a new document would link to: their uid, primary type, and owner, for the
// caller's checks (each exists, is of a type a document may be about, may be linked).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
WHERE NOT n:Deleted
RETURN n.uid AS uid, [l IN labels(n) WHERE l IN $types][0] AS type,
       coalesce(n.owner, n.submitted_by) AS owner
