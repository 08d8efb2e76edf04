// Public documents whose title or page text match the escaped full-text query $lucene.
CALL db.index.fulltext.queryNodes('document_text', $lucene) YIELD node, score
WHERE node:Public
RETURN node.uid AS uid, labels(node) AS labels, properties(node) AS props, score
ORDER BY score DESC, node.uid
SKIP $skip LIMIT $limit
