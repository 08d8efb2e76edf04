// Persons were written: a cached name index of the free-text gate is out of date.
MERGE (m:GateState {uid: 'names'})
SET m.revision = randomUUID()
