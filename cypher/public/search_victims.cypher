// Victims matching an (already escaped) full-text query $lucene on the
// person_names index, or every victim when $lucene is null, narrowed by the
// filters (each null = no filter); one page of them, the total, and facet
// counts. Facets combine with AND, the values of one facet with OR.
// Year filters: $year_from/$year_to on the year of any event the victim was
// subjected to; $born_from/$born_to on the birth year; $first_year the year of
// their first event (the year the dashboard counts them in).
// Facet counts are disjunctive: a value of facet F counts the victims that pass
// every filter except F's own, so ticking one category leaves the other
// categories' counts in view (what ticking a second one would add). Each victim
// carries the list of facet filters it fails; it is a result when the list is
// empty, and counts towards facet F when the list is empty or just [F]. A victim
// without a value (null) fails a filter on it.
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
  WITH $lucene AS lucene WHERE lucene IS NULL
  MATCH (p:Victim)
  RETURN p, 0.0 AS score
}
WITH p, score
WHERE ($first_year IS NULL OR p.facet_years[0] = $first_year)
  AND ($born_from IS NULL OR p.birth_year >= $born_from)
  AND ($born_to IS NULL OR p.birth_year <= $born_to)
  AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN p.facet_years
        WHERE ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to)))
  AND ($body IS NULL OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
        WHERE b.uid = $body })
  AND ($location IS NULL OR EXISTS {
        MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location)
        WHERE l.uid = $location })
WITH p, score, [f IN [
    CASE WHEN $category IS NOT NULL AND NOT coalesce(p.category IN $category, false) THEN 'category' END,
    CASE WHEN $sex IS NOT NULL AND NOT coalesce(p.sex IN $sex, false) THEN 'sex' END,
    CASE WHEN $status IS NOT NULL AND NOT coalesce(p.status IN $status, false) THEN 'status' END,
    CASE WHEN $occupation IS NOT NULL AND NOT coalesce(p.occupation IN $occupation, false) THEN 'occupation' END,
    CASE WHEN $age_group IS NOT NULL AND NOT coalesce(p.age_group IN $age_group, false) THEN 'age_group' END,
    CASE WHEN $nationality IS NOT NULL AND NOT coalesce(p.nationality IN $nationality, false)
         THEN 'nationality' END,
    CASE WHEN $perpetrator IS NOT NULL
              AND none(k IN $perpetrator WHERE 'perpetrator:' + k IN p.facet_keys)
         THEN 'perpetrator' END,
    CASE WHEN $forum IS NOT NULL AND none(k IN $forum WHERE 'forum:' + k IN p.facet_keys)
         THEN 'forum' END] WHERE f IS NOT NULL] AS fails
WHERE size(fails) <= 1
WITH p, score, fails
ORDER BY score DESC, p.name_en, p.uid
WITH collect({p: p, fails: fails}) AS near, collect(CASE WHEN fails = [] THEN p END) AS ps,
     collect(CASE WHEN fails = [] THEN score END) AS scores
CALL (near) {
  UNWIND near AS n
  UNWIND coalesce(n.p.facet_keys, []) AS pair
  WITH n.fails AS fails, pair, split(pair, ':')[0] AS facet
  WHERE fails = [] OR fails = [facet]
  WITH facet, pair, count(*) AS n
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
