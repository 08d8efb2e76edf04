// Remove nodes (and every relationship touching them) from the public graph.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
DETACH DELETE n
