// Every public record matching the (already escaped) full-text queries
// $persons and $records (service/public/lucene.py; the first without prefix matches on
// persons' compact keys):
// persons through person_names, every other type through record_names; the
// hits of each kind (the URL kind of its profile), best first, with how many
// there are. Without $kind: the first $per_kind of every kind; with it, one
// page ($skip, $limit) of that kind and only the counts of the others.
// Properties are read without the text of a document's pages (long, never shown
// here) and the derived search keys.
CALL () {
  CALL db.index.fulltext.queryNodes('person_names', $persons) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('record_names', $records) YIELD node, score
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
WHERE kind IS NOT NULL
WITH kind, node, score ORDER BY score DESC, node.uid
WITH kind, collect(node) AS nodes, collect(score) AS scores
WITH kind, nodes, scores, size(nodes) AS total,
     CASE WHEN $kind IS NULL THEN 0 ELSE $skip END AS first,
     CASE WHEN $kind IS NULL THEN $per_kind WHEN kind = $kind THEN $limit ELSE 0 END AS take
CALL (nodes, scores, first, take, total) {
  UNWIND range(first, first + take - 1) AS i
  WITH i, nodes[i] AS n, scores[i] AS score WHERE i < total
  RETURN collect({uid: n.uid, labels: labels(n),
                  props: n {.*, text_pages: null, search_keys: null}, score: score}) AS items
}
RETURN kind, total, items
