// Documents whose title or page text match the escaped full-text query $lucene, best
// first: only those the caller may see (Public and Restricted ones; Confidential or
// unlabelled ones only of their own organisation $organization, which a document's
// submitted_by names: service.vault.visibility), deleted ones for no one. What a list of
// hits needs; the text of the pages shown is read apart (match_document_pages).
CALL db.index.fulltext.queryNodes('document_text', $lucene) YIELD node, score
WHERE NOT node:Deleted
  AND (node:Public OR node:Restricted
       OR ($organization IS NOT NULL AND node.submitted_by = $organization))
WITH node, score
ORDER BY score DESC, node.uid
LIMIT $limit
RETURN node.uid AS uid, labels(node) AS labels, score,
       node {.title_en, .title_ko, .kind, .date, .language, .media_type, .pages, .duration,
             .processing, .review_status, .submitted_by, .submitted_on} AS props,
       node.thumb_sha256 IS NOT NULL AS thumbnail
