// The proceedings concerning victim $uid, with what each invokes, names and who
// filed it: the legal side of one case.
MATCH (v:Victim {uid: $uid})<-[c:CONCERNS]-(pr:Proceeding)
OPTIONAL MATCH (pr)-[r:INVOKES|NAMES|FILED_BY]->(m:Entity)
RETURN {uid: v.uid, labels: labels(v), props: properties(v)} AS anchor,
       {id: elementId(c), type: type(c), from: pr.uid, to: v.uid, props: properties(c)} AS link,
       {uid: pr.uid, labels: labels(pr), props: properties(pr)} AS linked,
       CASE WHEN r IS NULL THEN null ELSE
         {id: elementId(r), type: type(r), from: pr.uid, to: m.uid, props: properties(r)} END AS rel,
       CASE WHEN m IS NULL THEN null ELSE {uid: m.uid, labels: labels(m), props: properties(m)} END AS node
ORDER BY pr.date_filed, pr.uid
