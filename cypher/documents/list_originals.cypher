// The files the originals area must hold, by the vault's documents: each original
// (byte for byte, with the size recorded at ingest) and the files derived from it, kept
// beside it until publication copies them out (the public copy, the thumbnails).
// Read by `footprints documents verify` (documents/verify.py).
MATCH (d:Document) WHERE d.sha256 IS NOT NULL
RETURN d.uid AS uid, d.sha256 AS sha256, d.size AS size, 'original' AS role
UNION ALL
MATCH (d:Document) WHERE d.thumb_sha256 IS NOT NULL
RETURN d.uid AS uid, d.thumb_sha256 AS sha256, null AS size, 'thumbnail' AS role
UNION ALL
MATCH (d:Document) WHERE d.public_sha256 IS NOT NULL
RETURN d.uid AS uid, d.public_sha256 AS sha256, d.public_size AS size, 'public copy' AS role
UNION ALL
MATCH (d:Document) WHERE d.public_thumb_sha256 IS NOT NULL
RETURN d.uid AS uid, d.public_thumb_sha256 AS sha256, null AS size, 'public thumbnail' AS role
