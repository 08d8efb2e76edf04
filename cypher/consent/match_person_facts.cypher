// What the consent policy needs to decide about each person.
UNWIND $uids AS uid
MATCH (p:Person {uid: uid})
OPTIONAL MATCH (p)-[:GAVE]->(c:Consent)
WITH p, collect(c {.uid, .purpose, .given_on, .withdrawn_on, .by_family, .partner}) AS consents
OPTIONAL MATCH (s:Source)-[:SUPPORTS]->(p)
RETURN p.uid AS uid, labels(p) AS labels, p.status AS status,
       coalesce(p.deceased_or_disappeared, false) AS deceased_or_disappeared,
       coalesce(p.in_dprk, false) AS in_dprk, coalesce(p.at_risk, false) AS at_risk,
       p.review_status AS review_status, consents, collect(s.terms_of_use) AS source_terms
