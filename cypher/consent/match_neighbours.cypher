// The records linked to a record (their facts about it are republished with it).
MATCH (:Entity {uid: $uid})--(m:Entity)
RETURN DISTINCT m.uid AS uid
