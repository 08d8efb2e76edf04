// What the cached name index depends on: the revision the last write of a person's
// names left, and the number of persons (from the count store).
OPTIONAL MATCH (m:GateState {uid: 'names'})
RETURN m.revision AS revision, COUNT { (:Person) } AS people
