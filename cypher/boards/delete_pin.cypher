// Unpin record $record from board $uid of $organization.
MATCH (b:CaseBoard {uid: $uid, organization: $organization})-[:PINS]->(p:BoardPin {record: $record})
SET b.updated_at = $at
DETACH DELETE p
RETURN count(*) AS removed
