// The documents about a record ($uid), or from it when it is a source, with what a row of
// thumbnails needs; at most $limit, oldest first. The caller keeps those it may see.
MATCH (d:Document)-[:ABOUT|FROM_SOURCE]->(:Entity {uid: $uid})
WHERE NOT d:Deleted
WITH DISTINCT d
ORDER BY d.date, d.uid
LIMIT $limit
RETURN d.uid AS uid, labels(d) AS labels,
       d {.title_en, .title_ko, .kind, .date, .media_type, .processing, .review_status,
          .submitted_by} AS props,
       d.thumb_sha256 IS NOT NULL AS thumbnail
