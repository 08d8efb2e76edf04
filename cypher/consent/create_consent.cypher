// Record a consent given by (or for) a person.
MATCH (p:Person {uid: $person})
CREATE (c:Entity:Consent:Confidential {uid: $uid, purpose: $purpose, partner: $partner,
        given_on: $given_on, obtained_by: $obtained_by, method: $method, evidence: $evidence,
        by_family: $by_family, sealed_with: $sealed_with})
CREATE (p)-[:GAVE {key: ''}]->(c)
RETURN c.uid AS uid
