// What processing a document needs: its original's hash and media type.
MATCH (d:Document {uid: $uid})
RETURN d.uid AS uid, d.sha256 AS sha256, d.media_type AS media_type, d.processing AS processing
