// Every count the public dashboard shows, as rows {chart, key, n}:
// totals per record type, victims by the year of their first event, by category,
// sex, age group, occupation, status and perpetrator (any body up their chain of
// command), perpetrator bodies by kind, proceedings by forum. The first year and
// the perpetrators are read from the facets the publication derives on each
// victim (publication/derive_victim_facets), so nothing here walks the graph.
UNWIND ['Victim', 'Official', 'PerpetratorBody', 'Location', 'Event', 'Proceeding', 'Instrument',
        'Resource', 'Source', 'Organization'] AS label
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS n
}
RETURN 'totals' AS chart, label AS key, n
UNION ALL
MATCH (p:Victim)
WITH p.facet_years[0] AS year
WHERE year IS NOT NULL
RETURN 'victims_by_year' AS chart, toString(year) AS key, count(*) AS n
UNION ALL
MATCH (p:Victim)
UNWIND ['category', 'sex', 'age_group', 'occupation', 'status'] AS facet
WITH facet, coalesce(p[facet], 'unknown') AS key
RETURN 'victims_by_' + facet AS chart, key, count(*) AS n
UNION ALL
MATCH (p:Victim)
UNWIND coalesce(p.facet_perpetrators, []) AS key
RETURN 'victims_by_perpetrator' AS chart, key, count(*) AS n
UNION ALL
MATCH (b:PerpetratorBody)
RETURN 'perpetrators_by_kind' AS chart, coalesce(b.kind, 'unknown') AS key, count(*) AS n
UNION ALL
MATCH (b:PerpetratorBody)
RETURN 'perpetrators_by_type' AS chart, coalesce(b.perpetrator, 'unknown') AS key, count(*) AS n
UNION ALL
MATCH (pr:Proceeding)
RETURN 'proceedings_by_forum' AS chart, coalesce(pr.forum, 'unknown') AS key, count(*) AS n
