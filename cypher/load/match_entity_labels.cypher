// The primary label of each existing entity among $uids (for reference checks).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid,
       [l IN labels(n) WHERE l IN ['Person', 'PerpetratorBody', 'Location', 'Event', 'Proceeding',
        'Instrument', 'Resource', 'Source', 'Document', 'Organization', 'Consent']][0] AS label
