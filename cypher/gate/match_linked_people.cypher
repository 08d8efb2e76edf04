// For each record, which of the given persons it is, or is linked to by a relationship
// that makes it about them (the homonym rule of the free-text gate).
UNWIND $pairs AS pair
MATCH (r:Entity {uid: pair.record})
UNWIND pair.persons AS person
MATCH (p:Person {uid: person})
WHERE p = r OR EXISTS { MATCH (r)-[x]-(p) WHERE NOT type(x) IN $not_about }
RETURN pair.record AS record, collect(person) AS linked
