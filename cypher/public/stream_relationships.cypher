// Every relationship between public nodes, in a stable order, for downloads.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN elementId(r) AS id, type(r) AS type, a.uid AS from, b.uid AS to, properties(r) AS props
ORDER BY a.uid, type, b.uid, r.key
