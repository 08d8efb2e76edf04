// People by uid, with their properties, consent label and places (for merged views).
UNWIND $uids AS uid
MATCH (p:Person {uid: uid})
RETURN p.uid AS uid, properties(p) AS props,
       [l IN labels(p) WHERE l IN ['Public', 'Restricted', 'Confidential']][0] AS label,
       [(p)-[r:LIVED_AT|TAKEN_FROM|LAST_SEEN_AT|HELD_AT]->(l:Location) | {type: type(r), uid: l.uid,
        name: l.name_en}] AS places
