// Victims matching an (already escaped) full-text query $lucene on the
// person_names index, or every victim when $lucene is null, narrowed by the
// facet filters (each null = no filter; list filters match any of their
// values); one page of them, the total, and facet counts over the whole result.
// Year filters: $year_from/$year_to on the year of any event the victim was
// subjected to; $born_from/$born_to on the birth year.
// Event years, perpetrators up the chain, forums and provinces are read from
// the facets the publication derives on each victim
// (publication/derive_victim_facets): a one-syllable query matches a fifth of
// all victims, and walking the graph for each of them took hundreds of
// milliseconds at 250,000 victims.
CALL () {
  WITH $lucene AS lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('person_names', lucene) YIELD node, score
  WITH node AS p, score WHERE p:Victim
  RETURN p, score
  UNION
  WITH $lucene AS lucene WHERE lucene IS NULL
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
  AND ($perpetrator IS NULL OR any(k IN p.facet_perpetrators WHERE k IN $perpetrator))
  AND ($body IS NULL OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
        WHERE b.uid = $body })
  AND ($forum IS NULL OR any(k IN p.facet_forums WHERE k IN $forum))
  AND ($location IS NULL OR EXISTS {
        MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location)
        WHERE l.uid = $location })
WITH p, score
ORDER BY score DESC, p.name_en, p.uid
WITH collect(p) AS ps, collect(score) AS scores
CALL (ps) {
  UNWIND ps AS p
  UNWIND [['category', p.category], ['sex', p.sex], ['status', p.status],
          ['occupation', p.occupation], ['age_group', p.age_group],
          ['nationality', p.nationality], ['decade', toString(p.facet_years[0] / 10 * 10)]]
         + [k IN coalesce(p.facet_perpetrators, []) | ['perpetrator', k]]
         + [k IN coalesce(p.facet_forums, []) | ['forum', k]]
         + [k IN coalesce(p.facet_provinces, []) | ['province', k]] AS pair
  WITH pair[0] AS facet, pair[1] AS key WHERE key IS NOT NULL
  WITH facet, key, count(*) AS n
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
