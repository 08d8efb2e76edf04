// A public document's derived file by its hash: its public copy or its public thumbnail.
// Nothing else of the file area is ever served.
MATCH (d:Document:Public {public_sha256: $sha256})
RETURN d.uid AS uid, d.public_media_type AS media_type, d.public_size AS size,
       false AS thumbnail
UNION
MATCH (d:Document:Public {public_thumb_sha256: $sha256})
RETURN d.uid AS uid, 'image/jpeg' AS media_type, null AS size, true AS thumbnail
