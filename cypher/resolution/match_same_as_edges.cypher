// SAME_AS links of the public graph touching the people in $uids; they exist only
// between people whose whole judged cluster is public.
UNWIND $uids AS uid
MATCH (:Person {uid: uid})-[r:SAME_AS]-(:Person)
WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b
RETURN a.uid AS a, b.uid AS b, 'Public' AS a_label, 'Public' AS b_label
