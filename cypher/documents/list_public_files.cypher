// The files the public area must hold, by the public graph's documents: each public
// copy and each public thumbnail. Read by `footprints documents verify`.
MATCH (d:Document) WHERE d.public_sha256 IS NOT NULL
RETURN d.uid AS uid, d.public_sha256 AS sha256, d.public_size AS size, 'public copy' AS role
UNION ALL
MATCH (d:Document) WHERE d.public_thumb_sha256 IS NOT NULL
RETURN d.uid AS uid, d.public_thumb_sha256 AS sha256, null AS size,
       'public thumbnail' AS role
