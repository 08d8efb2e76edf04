// Every relationship between domain nodes, in a stable order.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.uid AS from, b.uid AS to, properties(r) AS props
ORDER BY a.uid, type, b.uid, r.key
