// Every document the caller may see, newest submission first (the same visibility rule
// and row shape as search_documents), for the documents list without a search text.
MATCH (node:Document)
WHERE NOT node:Deleted
  AND (node:Public OR node:Restricted
       OR ($organization IS NOT NULL AND node.submitted_by = $organization))
WITH node, 0.0 AS score
ORDER BY node.submitted_on DESC, node.uid
LIMIT $limit
RETURN node.uid AS uid, labels(node) AS labels, score,
       node {.title_en, .title_ko, .kind, .date, .language, .media_type, .pages, .duration,
             .processing, .review_status, .submitted_by, .submitted_on} AS props,
       node.thumb_sha256 IS NOT NULL AS thumbnail
