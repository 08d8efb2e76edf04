// How many nodes a store holds, for the health check.
MATCH (n)
RETURN count(n) AS nodes
