// Mark (or unmark) a person as a third party at risk.
MATCH (p:Person {uid: $person})
SET p.at_risk = $at_risk
RETURN p.uid AS uid
