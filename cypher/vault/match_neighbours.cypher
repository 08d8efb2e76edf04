// One hop of a vault neighbourhood: for each node in $frontier, at most $per_node + 1 of
// its relationships of $types to records the caller may see (Public and Restricted ones;
// Confidential or unlabelled ones only of their organisation $organization, as
// service.vault.visibility decides), consents never. The extra row tells the caller a
// node had more. No ORDER BY, for the reason public/match_neighbours gives.
UNWIND $frontier AS uid
MATCH (a:Entity {uid: uid})
CALL (a) {
  MATCH (a)-[r]-(b:Entity)
  WHERE type(r) IN $types AND NOT b:Consent
    AND (b:Public OR b:Restricted
         OR ($organization IS NOT NULL
             AND (b.owner = $organization OR b.submitted_by = $organization
                  OR ((b:Event OR b:Proceeding)
                      AND EXISTS { MATCH (:Person {owner: $organization})--(b) }))))
  WITH r, b
  LIMIT $per_node + 1
  RETURN collect({rel: {id: elementId(r), type: type(r), from: startNode(r).uid,
                        to: endNode(r).uid, props: properties(r)},
                  other: b.uid}) AS rows
}
RETURN uid, rows
