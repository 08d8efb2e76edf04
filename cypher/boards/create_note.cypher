// A note on board $uid of $organization.
MATCH (b:CaseBoard {uid: $uid, organization: $organization})
CREATE (b)-[:HAS_NOTE]->(n:BoardNote {uid: $note_uid, text: $text, written_by: $actor,
                                      written_at: $at})
SET b.updated_at = $at
RETURN n.uid AS uid
