// One vault record by uid: labels and every property (the editor's view of it).
MATCH (n:Entity {uid: $uid})
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props
