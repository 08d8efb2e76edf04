// The review list of withheld fields, newest first, with the record's type.
MATCH (h:TextHold)
OPTIONAL MATCH (r:Entity {uid: h.record})
RETURN h.uid AS uid, h.record AS record, h.field AS field, h.persons AS persons,
       h.reason AS reason, h.since AS since,
       [l IN labels(r) WHERE l IN $types][0] AS type
ORDER BY h.since DESC, h.uid
