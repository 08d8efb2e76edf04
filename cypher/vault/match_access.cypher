// What deciding visibility needs for each record: its labels, its primary label and its
// owners (a person's owner, a source's submitter, else the owners of the linked people).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels,
       [l IN labels(n) WHERE l IN ['Person', 'PerpetratorBody', 'Location', 'Event', 'Proceeding',
        'Instrument', 'Resource', 'Source', 'Organization', 'Consent']][0] AS label,
       CASE WHEN n:Person THEN [n.owner]
            WHEN n:Source THEN [n.submitted_by]
            ELSE [(p:Person)--(n) | p.owner] END AS owners
