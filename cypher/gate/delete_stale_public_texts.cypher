// After a full publication: the texts of records the new generation did not publish.
MATCH (t:PublicText)
WHERE t.generation <> $generation
DELETE t
