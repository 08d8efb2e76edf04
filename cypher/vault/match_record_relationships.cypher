// A record's relationships (consents apart: they are the person's organisation's) with
// the uid of the record at the other end; the caller keeps those it may see.
MATCH (n:Entity {uid: $uid})-[r]-(o:Entity)
WHERE NOT o:Consent
RETURN type(r) AS type, startNode(r) = n AS outgoing, properties(r) AS props, o.uid AS other
ORDER BY type, other
LIMIT $limit
