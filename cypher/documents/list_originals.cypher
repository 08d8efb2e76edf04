// The files the originals area must hold, by the vault's documents: each original
// (byte for byte) and each thumbnail made of it, with the size recorded at ingest.
// Read by `footprints documents verify` (documents/verify.py).
MATCH (d:Document) WHERE d.sha256 IS NOT NULL
RETURN d.uid AS uid, d.sha256 AS sha256, d.size AS size, 'original' AS role
UNION ALL
MATCH (d:Document) WHERE d.thumb_sha256 IS NOT NULL
RETURN d.uid AS uid, d.thumb_sha256 AS sha256, d.thumb_size AS size, 'thumbnail' AS role
