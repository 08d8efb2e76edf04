// After a full publication: entries the new generation did not find again.
MATCH (h:TextHold)
WHERE h.generation <> $generation
DELETE h
