// What a record's consent decision rests on, for an editor's explanation.
MATCH (n:Entity {uid: $uid})
RETURN n.uid AS uid, labels(n) AS labels,
       [(n)-[:GAVE]->(c:Consent) | c {.uid, .purpose, .given_on, .withdrawn_on, .by_family,
                                      .obtained_by, .method}] AS consents,
       [(s:Source)-[:SUPPORTS]->(n) | s {.uid, .kind, .terms_of_use, .submitted_by,
                                         .submitted_on}] AS sources,
       n.review_status AS review_status, n.reviewed_by AS reviewed_by,
       n.reviewed_on AS reviewed_on, n.in_dprk AS in_dprk, n.at_risk AS at_risk
