// Remove one relationship, named as load/merge_relationships names it: its two ends, its
// type and its key. Returns how many went (0: there was no such relationship).
MATCH (a:Entity {uid: $from})-[r:$($type) {key: $key}]->(b:Entity {uid: $to})
WITH collect(r) AS found
FOREACH (r IN found | DELETE r)
RETURN size(found) AS deleted
