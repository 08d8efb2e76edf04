// Victims matching an (already escaped) full-text query $lucene on the
// person_names index, or every victim when $lucene is null, narrowed by the
// facet filters (each null = no filter; list filters match any of their
// values); one page of them, the total, and facet counts over the whole result.
// Year filters: $year_from/$year_to on the year of any event the victim was
// subjected to; $born_from/$born_to on the birth year.
// Event years and every facet value are read from the facets the publication
// derives on each victim (publication/derive_victim_facets): a one-syllable
// query matches a fifth of all victims, and walking the graph for each of them,
// or reading ten properties of each, was too slow (docs/performance.md).
CALL () {
  WITH $lucene AS lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('person_names', lucene) YIELD node, score
  WITH node AS p, score WHERE p:Victim
  RETURN p, score
  UNION ALL
  // Without a keyword, a category filter starts from the category index.
  WITH $lucene AS lucene WHERE lucene IS NULL AND $category IS NOT NULL
  MATCH (p:Victim) WHERE p.category IN $category
  RETURN p, 0.0 AS score
  UNION ALL
  WITH $lucene AS lucene WHERE lucene IS NULL AND $category IS NULL
  MATCH (p:Victim)
  RETURN p, 0.0 AS score
}
WITH p, score
WHERE ($category IS NULL OR p.category IN $category)
  AND ($sex IS NULL OR p.sex IN $sex)
  AND ($status IS NULL OR p.status IN $status)
  AND ($occupation IS NULL OR p.occupation IN $occupation)
  AND ($age_group IS NULL OR p.age_group IN $age_group)
  AND ($nationality IS NULL OR p.nationality IN $nationality)
  AND ($born_from IS NULL OR p.birth_year >= $born_from)
  AND ($born_to IS NULL OR p.birth_year <= $born_to)
  AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN p.facet_years
        WHERE ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to)))
  AND ($perpetrator IS NULL OR any(k IN $perpetrator WHERE 'perpetrator:' + k IN p.facet_keys))
  AND ($body IS NULL OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
        WHERE b.uid = $body })
  AND ($forum IS NULL OR any(k IN $forum WHERE 'forum:' + k IN p.facet_keys))
  AND ($location IS NULL OR EXISTS {
        MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location)
        WHERE l.uid = $location })
WITH p, score
ORDER BY score DESC, p.name_en, p.uid
WITH collect(p) AS ps, collect(score) AS scores
CALL (ps) {
  UNWIND ps AS p
  UNWIND coalesce(p.facet_keys, []) AS pair
  WITH pair, count(*) AS n
  WITH split(pair, ':')[0] AS facet, pair, n
  WITH facet, substring(pair, size(facet) + 1) AS key, n
  OPTIONAL MATCH (l:Location {uid: key}) WHERE facet = 'province'
  RETURN collect({facet: facet, key: key, n: n, name_en: l.name_en, name_ko: l.name_ko}) AS facets
}
CALL (ps, scores) {
  UNWIND range($skip, $skip + $limit - 1) AS i
  WITH i, ps[i] AS p, scores[i] AS score
  WHERE i < size(ps)
  RETURN collect({uid: p.uid, labels: labels(p), props: properties(p), score: score,
                  years: coalesce(p.facet_years, [])}) AS items
}
RETURN size(ps) AS total, facets, items
