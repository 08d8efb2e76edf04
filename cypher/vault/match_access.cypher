// What deciding visibility and write permission needs for each record: its labels, its
// primary label, its own owning organisation (a person's or event's or proceeding's owner,
// a source's submitter) and the owners of the people linked to it (events, proceedings,
// consents: those without an owner of their own are owned through their people).
// A soft-deleted record is not there for anyone (service.vault.edits.delete_record).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
WHERE NOT n:Deleted
RETURN n.uid AS uid, labels(n) AS labels,
       [l IN labels(n) WHERE l IN ['Person', 'PerpetratorBody', 'Location', 'Event', 'Proceeding',
        'Instrument', 'Resource', 'Source', 'Document', 'Organization', 'Consent']][0] AS label,
       CASE WHEN n:Source OR n:Document THEN n.submitted_by
            WHEN n:Person OR n:Event OR n:Proceeding THEN n.owner END AS owner,
       CASE WHEN n:Event OR n:Proceeding OR n:Consent
            THEN [(p:Person)--(n) | p.owner] ELSE [] END AS linked
