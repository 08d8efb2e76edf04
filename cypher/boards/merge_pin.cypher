// Pin record $record to board $uid of $organization (pinning again updates the note).
MATCH (b:CaseBoard {uid: $uid, organization: $organization})
MERGE (b)-[:PINS]->(p:BoardPin {board: $uid, record: $record})
ON CREATE SET p.pinned_by = $actor, p.pinned_at = $at
SET p.note = $note, b.updated_at = $at
RETURN p.record AS record
