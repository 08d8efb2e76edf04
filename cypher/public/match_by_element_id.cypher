// Nodes by element id, for the console: the ends of relationships a query
// returned without returning their nodes.
MATCH (n)
WHERE elementId(n) IN $ids
RETURN elementId(n) AS id, n.uid AS uid, labels(n) AS labels, properties(n) AS props
