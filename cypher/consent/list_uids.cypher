// The uids of every node with a given primary label.
MATCH (n:$($label))
RETURN n.uid AS uid
