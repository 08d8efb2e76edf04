// Which of $uids are soft-deleted: the policy keeps them out of the public graph.
UNWIND $uids AS uid
MATCH (n:Entity:Deleted {uid: uid})
RETURN n.uid AS uid
