// How many documents wait for processing.
MATCH (d:Document {processing: 'pending'})
RETURN count(d) AS pending
