// Every proceeding with what deciding its visibility needs (as match_access) and what a
// list of them shows; the newest filed first. Visibility is decided afterwards.
MATCH (n:Proceeding)
RETURN n.uid AS uid, labels(n) AS labels, n.owner AS owner,
       [(p:Person)--(n) | p.owner] AS linked,
       n {.title, .reference, .forum, .status, .outcome, .date_filed, .date_decided} AS summary
ORDER BY n.date_filed DESC, n.uid
LIMIT $limit
