// Every relationship of the vault, its ends by element id, with all its properties.
MATCH (a)-[r]->(b)
RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS start, elementId(b) AS end,
       properties(r) AS props
