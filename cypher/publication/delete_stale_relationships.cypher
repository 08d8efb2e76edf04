// After a full rebuild: remove relationships the new generation did not write.
MATCH ()-[r]->()
WHERE r.generation IS NULL OR r.generation <> $generation
DELETE r
