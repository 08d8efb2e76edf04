// One record as the projection would read it if the policy cleared it (an editor's
// preview before approving): the same columns as stream_public_nodes_of, whatever the
// record's current label. A deleted record has no preview.
MATCH (n:Entity {uid: $uid})
WHERE NOT n:Deleted
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props,
       CASE WHEN n:Event
         THEN COUNT { (q:Person)-[:SUBJECTED_TO|WITNESSED]->(n) WHERE NOT q:Public }
         ELSE 0 END AS hidden_people,
       CASE WHEN n:Person
         THEN [(n)-[:GAVE]->(c:Consent)
               WHERE c.purpose = 'publication' AND c.withdrawn_on IS NULL
               | c {.given_on, .by_family}]
         ELSE [] END AS publication_consents,
       CASE WHEN n:Person
         THEN [(s:Source:Public)-[:SUPPORTS]->(n) | s.uid]
         ELSE [] END AS public_sources
