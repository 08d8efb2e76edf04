// How many nodes a vault holds besides its data key canary (graph/encryption.py writes the
// canary whenever a process opens an empty vault, so an empty vault may hold just that).
MATCH (n) WHERE NOT n:DataKeyCanary
RETURN count(n) AS nodes
