// The text of published records, kept in the vault to find them again by a name; a long
// text is kept in overlapping parts (the text index takes values up to 32 kB).
UNWIND $rows AS row
MERGE (t:PublicText {uid: row.uid})
SET t.record = row.record, t.part = row.part, t.text = row.text, t.generation = $generation
