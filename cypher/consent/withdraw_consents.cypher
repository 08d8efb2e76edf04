// Withdraw a person's active consents: one by uid, or all of one purpose.
MATCH (p:Person {uid: $person})-[:GAVE]->(c:Consent)
WHERE c.withdrawn_on IS NULL
  AND ($consent IS NULL OR c.uid = $consent)
  AND ($purpose IS NULL OR c.purpose = $purpose)
SET c.withdrawn_on = $on
RETURN collect(c.uid) AS withdrawn
