// A republish re-checked these records: their entries not found again are resolved.
UNWIND $records AS record
MATCH (h:TextHold {record: record})
WHERE NOT h.uid IN $keep
DELETE h
