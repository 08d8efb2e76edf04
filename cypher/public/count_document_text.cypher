// How many public documents match the escaped full-text query $lucene.
CALL db.index.fulltext.queryNodes('document_text', $lucene) YIELD node
WHERE node:Public
RETURN count(node) AS total
