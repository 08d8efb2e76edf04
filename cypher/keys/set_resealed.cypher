// Write a batch of re-sealed records. A record sealed again meanwhile (an edit) is left
// as it is: the rotation's next batch finds it if it is still under the old key.
UNWIND $rows AS row
MATCH (n:Entity {uid: row.uid})
WHERE coalesce(n.sealed_with, '') = coalesce(row.was, '')
SET n += row.props
