// Public nodes by uid, in the {uid, labels, props} row form.
MATCH (n:Entity)
WHERE n.uid IN $uids
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props
