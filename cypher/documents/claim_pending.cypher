// Claim up to $limit documents waiting for processing: never started, or started by a
// worker that stopped before finishing ($stale_before). Across processes, the claim
// (a property write) takes the node's lock, so two workers never claim the same one.
MATCH (d:Document {processing: 'pending'})
WHERE d.processing_started IS NULL OR d.processing_started < $stale_before
WITH d ORDER BY d.submitted_on, d.uid LIMIT $limit
SET d.processing_started = $now
RETURN d.uid AS uid
