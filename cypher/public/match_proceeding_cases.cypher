// The public victims proceeding $uid concerns, with the events each was
// subjected to: the cases behind one proceeding.
MATCH (pr:Proceeding {uid: $uid})-[c:CONCERNS]->(v:Victim)
OPTIONAL MATCH (v)-[r:SUBJECTED_TO]->(e:Event)
RETURN {uid: pr.uid, labels: labels(pr), props: properties(pr)} AS anchor,
       {id: elementId(c), type: type(c), from: pr.uid, to: v.uid, props: properties(c)} AS link,
       {uid: v.uid, labels: labels(v), props: properties(v)} AS linked,
       CASE WHEN r IS NULL THEN null ELSE
         {id: elementId(r), type: type(r), from: v.uid, to: e.uid, props: properties(r)} END AS rel,
       CASE WHEN e IS NULL THEN null ELSE {uid: e.uid, labels: labels(e), props: properties(e)} END AS node
ORDER BY v.name_en, v.uid
