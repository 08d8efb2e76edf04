// Records waiting for an editor's review for publication that the editor's organisation
// may review: its own people and sources, and shared reference data (places, bodies,
// instruments, resources, its own Organization). Deleted records wait for nothing.
MATCH (n:Entity)
WHERE n.review_status = 'pending' AND NOT n:Deleted
  AND (n.owner = $organization OR n.submitted_by = $organization OR n.uid = $organization
       OR any(l IN labels(n) WHERE l IN $shared))
RETURN n.uid AS uid
ORDER BY n.uid
LIMIT $limit
