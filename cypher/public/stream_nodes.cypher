// Every public node (or only those labelled $label), in uid order, for downloads.
MATCH (n:Entity)
WHERE $label IS NULL OR $label IN labels(n)
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props
ORDER BY n.uid
