// Remove the SAME_AS links of the given people (their clusters are re-decided next).
UNWIND $uids AS uid
MATCH (:Entity {uid: uid})-[r:SAME_AS]-()
WITH DISTINCT r
DELETE r
