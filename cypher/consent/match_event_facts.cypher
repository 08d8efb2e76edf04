// For each event: how many public people were subjected to it, and how many public
// sources support those facts. Run after people and sources have their labels.
UNWIND $uids AS uid
MATCH (e:Event {uid: uid})
OPTIONAL MATCH (p:Person:Public)-[r:SUBJECTED_TO]->(e)
WITH e, count(DISTINCT p) AS public_subjects,
     reduce(acc = [], s IN collect(r.sources) | acc + s) AS sources
OPTIONAL MATCH (s:Source:Public)
  WHERE s.uid IN sources
RETURN e.uid AS uid, public_subjects, count(DISTINCT s) AS public_fact_sources
