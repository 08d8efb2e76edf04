// The editors' review list of withheld fields: one entry per record and field.
UNWIND $rows AS row
MERGE (h:TextHold {uid: row.uid})
ON CREATE SET h.since = datetime()
SET h.record = row.record, h.field = row.field, h.persons = row.persons,
    h.reason = row.reason, h.generation = $generation
