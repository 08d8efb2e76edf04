// Remove every relationship touching the given nodes (they are re-written next).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})-[r]-()
DELETE r
