// A person's full record around them: consents, supporting sources, and every other
// relationship with the record at its other end (visibility is decided afterwards).
MATCH (p:Person {uid: $uid})
RETURN [(p)-[:GAVE]->(c:Consent) | c {.*}] AS consents,
       [(s:Source)-[:SUPPORTS]->(p) | s.uid] AS sources,
       [(p)-[r]-(o:Entity) WHERE NOT type(r) IN ['GAVE', 'SUPPORTS'] |
         {type: type(r), outgoing: startNode(r) = p, props: properties(r), other: o.uid}]
         AS relationships
