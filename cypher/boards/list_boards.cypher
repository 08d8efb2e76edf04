// The case boards of organisation $organization, most recently changed first, with how
// many pins and notes each has.
MATCH (b:CaseBoard {organization: $organization})
RETURN b.uid AS uid, b.title AS title, b.investigation AS investigation,
       b.created_by AS created_by, b.updated_at AS updated_at,
       COUNT { (b)-[:PINS]->(:BoardPin) } AS pins, COUNT { (b)-[:HAS_NOTE]->(:BoardNote) } AS notes
ORDER BY b.updated_at DESC, b.uid
