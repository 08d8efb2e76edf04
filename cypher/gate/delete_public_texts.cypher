// Parts of published text no longer needed: of each record, those past row.parts (0 for a
// record no longer published).
UNWIND $rows AS row
MATCH (t:PublicText {record: row.record})
WHERE t.part >= row.parts
DELETE t
