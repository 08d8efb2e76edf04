// Type-ahead: the best public records for the (already escaped) full-text queries
// $persons and $records (service/public/find.py: the first without prefix matches on
// persons' compact keys), at most $fetch read from each index (persons, every other type), of
// the kinds $kinds (null: all), the best $limit of them. Each index stops after
// $fetch hits, so a suggestion costs the same at any size of the graph.
CALL () {
  CALL db.index.fulltext.queryNodes('person_names', $persons, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('record_names', $records, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, score, CASE
  WHEN node:Victim THEN 'victims' WHEN node:Official THEN 'officials'
  WHEN node:Person THEN 'people' WHEN node:PerpetratorBody THEN 'perpetrators'
  WHEN node:Location THEN 'locations' WHEN node:Event THEN 'events'
  WHEN node:Proceeding THEN 'proceedings' WHEN node:Instrument THEN 'instruments'
  WHEN node:Resource THEN 'resources' WHEN node:Source THEN 'sources'
  WHEN node:Document THEN 'documents' WHEN node:Organization THEN 'organizations'
  END AS kind
WHERE kind IS NOT NULL AND ($kinds IS NULL OR kind IN $kinds)
RETURN node.uid AS uid, labels(node) AS labels, kind,
       node {.*, text_pages: null, search_keys: null} AS props, score
ORDER BY score DESC, uid
LIMIT $limit
