// "Process now": a document waiting or failed goes back to the queue, its last error
// cleared, for the worker to take at once (a claim a worker holds is left to it). No row
// for a document that is processed already.
MATCH (d:Document {uid: $uid})
WHERE d.processing IN ['pending', 'failed']
WITH d, d.processing AS was
SET d.processing = 'pending', d.processing_error = null
RETURN was
