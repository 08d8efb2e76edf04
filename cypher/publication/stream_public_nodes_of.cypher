// The Public nodes among $uids (an incremental republish), with what the
// projection needs: labels, properties, how many non-public people are linked
// to an event (its free text is withheld if any), and the consent that cleared
// a person (for the public "why this is public" panel).
UNWIND $uids AS uid
MATCH (n:Entity:Public {uid: uid})
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
