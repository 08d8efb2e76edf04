// Judgements "same" touching the people in $uids, with the consent label of both
// people: merged views follow the strictest label of their records.
UNWIND $uids AS uid
MATCH (:Person {uid: uid})-[j:JUDGED {verdict: 'same'}]-(:Person)
WITH DISTINCT j, startNode(j) AS a, endNode(j) AS b
RETURN a.uid AS a, b.uid AS b,
       [l IN labels(a) WHERE l IN ['Public', 'Restricted', 'Confidential']][0] AS a_label,
       [l IN labels(b) WHERE l IN ['Public', 'Restricted', 'Confidential']][0] AS b_label
