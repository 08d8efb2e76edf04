// A soft-deleted record, for the editor who may undelete it: who deleted it, when, why.
MATCH (n:Entity:Deleted {uid: $uid})
RETURN n.uid AS uid, labels(n) AS labels,
       CASE WHEN n:Source THEN n.submitted_by
            WHEN n:Person OR n:Event OR n:Proceeding THEN n.owner END AS owner,
       n.deleted_on AS deleted_on, n.deleted_by AS deleted_by, n.deleted_reason AS deleted_reason
