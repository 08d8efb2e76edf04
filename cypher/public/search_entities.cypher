// Public records other than persons (bodies, places, proceedings, events, law)
// whose names, references or titles match the escaped full-text query $lucene.
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
RETURN node.uid AS uid, labels(node) AS labels, properties(node) AS props, score
ORDER BY score DESC, node.uid
LIMIT $limit
