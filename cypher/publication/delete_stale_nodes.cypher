// After a full rebuild: remove what the new generation did not write.
MATCH (n:Entity)
WHERE n.generation IS NULL OR n.generation <> $generation
DETACH DELETE n
