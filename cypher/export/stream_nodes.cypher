// Every domain node with its labels and properties, in uid order.
MATCH (n:Entity)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.uid
