// For each proceeding: how many of the people it concerns are public, and how many not.
UNWIND $uids AS uid
MATCH (pr:Proceeding {uid: uid})
OPTIONAL MATCH (pr)-[:CONCERNS]->(p:Person)
RETURN pr.uid AS uid,
       count(CASE WHEN p:Public THEN 1 END) AS public_concerned,
       count(CASE WHEN p IS NOT NULL AND NOT p:Public THEN 1 END) AS non_public_concerned
