// What the pipeline read from a document's file, and its derived files' hashes.
MATCH (d:Document {uid: $uid})
SET d += $props, d.processing = $status, d.processing_started = null
RETURN d.uid AS uid
