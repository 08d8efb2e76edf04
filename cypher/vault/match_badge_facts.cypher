// What a record's visibility badge needs besides its consent label: its review, whether
// it is marked at risk or lives inside the DPRK, and its publication consents (true for
// each withdrawn one).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, n.review_status AS review_status,
       coalesce(n.at_risk, false) OR coalesce(n.in_dprk, false) AS at_risk,
       [(n)-[:GAVE]->(c:Consent) WHERE c.purpose = 'publication' | c.withdrawn_on IS NOT NULL]
         AS publication_withdrawn
