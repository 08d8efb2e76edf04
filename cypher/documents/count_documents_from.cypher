// How many documents have a uid starting with $prefix (the demo's, made once).
MATCH (d:Document)
WHERE d.uid STARTS WITH $prefix
RETURN count(d) AS documents
