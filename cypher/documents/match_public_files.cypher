// The derived files public documents carry: all of them ($uids null) or of $uids.
MATCH (d:Document)
WHERE ($uids IS NULL OR d.uid IN $uids) AND d.public_sha256 IS NOT NULL
RETURN d.uid AS uid, d.public_sha256 AS public_sha256, d.public_thumb_sha256 AS public_thumb_sha256
