// One case board of organisation $organization (another organisation's is not found),
// with its pins (the pinned record's uid, a note) and notes, oldest first.
MATCH (b:CaseBoard {uid: $uid, organization: $organization})
RETURN b {.uid, .title, .investigation, .created_by, .created_at, .updated_at} AS board,
       [(b)-[:PINS]->(p:BoardPin) | p {.record, .note, .pinned_by, .pinned_at}] AS pins,
       [(b)-[:HAS_NOTE]->(n:BoardNote) | n {.uid, .text, .written_by, .written_at}] AS notes
