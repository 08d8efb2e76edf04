// What a record's visibility badge rests on, for each of $uids: its labels, its review,
// the at-risk marks, and whether each consent to publication it gave is still active.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels, n.review_status AS review_status,
       n.at_risk AS at_risk, n.in_dprk AS in_dprk,
       [(n)-[:GAVE]->(c:Consent) WHERE c.purpose = 'publication' | c.withdrawn_on IS NULL]
         AS publication_consents
