// Victims matching an (already escaped) full-text query $lucene on the
// person_names index, or every victim when $lucene is null, narrowed by the
// facet filters (each null = no filter; list filters match any of their
// values); one page of them, the total, and facet counts over the whole result.
// Year filters: $year_from/$year_to on the year of any event the victim was
// subjected to; $born_from/$born_to on the birth year.
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
  AND (($year_from IS NULL AND $year_to IS NULL) OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(e:Event)
        WHERE ($year_from IS NULL OR e.year >= $year_from) AND ($year_to IS NULL OR e.year <= $year_to) })
  AND ($perpetrator IS NULL OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
        WHERE b.perpetrator IN $perpetrator })
  AND ($body IS NULL OR EXISTS {
        MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
        WHERE b.uid = $body })
  AND ($forum IS NULL OR EXISTS { MATCH (pr:Proceeding)-[:CONCERNS]->(p) WHERE pr.forum IN $forum })
  AND ($location IS NULL OR EXISTS {
        MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location)
        WHERE l.uid = $location })
WITH p, score
ORDER BY score DESC, p.name_en, p.uid
WITH collect(p) AS ps, collect(score) AS scores
CALL (ps) {
  CALL (ps) {
    UNWIND ps AS p
    WITH p UNWIND ['category', 'sex', 'status', 'occupation', 'age_group', 'nationality'] AS facet
    WITH facet, p[facet] AS key WHERE key IS NOT NULL
    RETURN facet, key, count(*) AS n, null AS name_en, null AS name_ko
    UNION ALL
    UNWIND ps AS p
    MATCH (p)-[:SUBJECTED_TO]->(e:Event) WHERE e.year IS NOT NULL
    WITH p, min(e.year) AS first_year
    RETURN 'decade' AS facet, toString(first_year / 10 * 10) AS key, count(*) AS n,
           null AS name_en, null AS name_ko
    UNION ALL
    UNWIND ps AS p
    MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
    WITH DISTINCT p, b.perpetrator AS key WHERE key IS NOT NULL
    RETURN 'perpetrator' AS facet, key, count(*) AS n, null AS name_en, null AS name_ko
    UNION ALL
    UNWIND ps AS p
    MATCH (pr:Proceeding)-[:CONCERNS]->(p)
    WITH DISTINCT p, pr.forum AS key WHERE key IS NOT NULL
    RETURN 'forum' AS facet, key, count(*) AS n, null AS name_en, null AS name_ko
    UNION ALL
    UNWIND ps AS p
    MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location {kind: 'province'})
    WITH DISTINCT p, l
    RETURN 'province' AS facet, l.uid AS key, count(*) AS n, l.name_en AS name_en, l.name_ko AS name_ko
  }
  RETURN collect({facet: facet, key: key, n: n, name_en: name_en, name_ko: name_ko}) AS facets
}
CALL (ps, scores) {
  UNWIND range($skip, $skip + $limit - 1) AS i
  WITH i, ps[i] AS p, scores[i] AS score
  WHERE i < size(ps)
  RETURN collect({uid: p.uid, labels: labels(p), props: properties(p), score: score,
                  years: [(p)-[:SUBJECTED_TO]->(e:Event) WHERE e.year IS NOT NULL | e.year]}) AS items
}
RETURN size(ps) AS total, facets, items
