// Every count the public dashboard shows, as rows {chart, key, n}:
// totals per record type, victims by the year of their first event, by category,
// sex, age group, occupation, status and perpetrator (any body up their chain of
// command), perpetrator bodies by kind, proceedings by forum.
// Run after every publication, a withdrawal included, so it must be quick at
// 250,000 victims: labels and properties are spelled out, so that totals come
// from the count store and victims' fields from their range indexes (a victim
// without the field counts as 'unknown'); the first year and the perpetrators
// are read from the facets the publication derives on each victim
// (publication/derive_victim_facets), so nothing here walks the graph.
UNWIND [['Victim', COUNT { (:Victim) }],
        ['Official', COUNT { (:Official) }],
        ['PerpetratorBody', COUNT { (:PerpetratorBody) }],
        ['Location', COUNT { (:Location) }],
        ['Event', COUNT { (:Event) }],
        ['Proceeding', COUNT { (:Proceeding) }],
        ['Instrument', COUNT { (:Instrument) }],
        ['Resource', COUNT { (:Resource) }],
        ['Source', COUNT { (:Source) }],
        ['Organization', COUNT { (:Organization) }],
        // Victims written by the synthetic data generator: the dashboard says so up front.
        ['synthetic', COUNT { (v:Victim) WHERE v.synthetic = true }]] AS total
RETURN 'totals' AS chart, total[0] AS key, total[1] AS n
UNION ALL
MATCH (p:Victim)
WITH p.facet_years[0] AS year
WHERE year IS NOT NULL
RETURN 'victims_by_year' AS chart, toString(year) AS key, count(*) AS n
UNION ALL
MATCH (p:Victim) WHERE p.category IS NOT NULL
WITH p.category AS key, count(*) AS n
WITH collect({key: key, n: n}) AS rows, sum(n) AS known, COUNT { (:Victim) } AS total
UNWIND rows + CASE WHEN total > known THEN [{key: 'unknown', n: total - known}] ELSE [] END AS row
RETURN 'victims_by_category' AS chart, row.key AS key, row.n AS n
UNION ALL
MATCH (p:Victim) WHERE p.sex IS NOT NULL
WITH p.sex AS key, count(*) AS n
WITH collect({key: key, n: n}) AS rows, sum(n) AS known, COUNT { (:Victim) } AS total
UNWIND rows + CASE WHEN total > known THEN [{key: 'unknown', n: total - known}] ELSE [] END AS row
RETURN 'victims_by_sex' AS chart, row.key AS key, row.n AS n
UNION ALL
MATCH (p:Victim) WHERE p.age_group IS NOT NULL
WITH p.age_group AS key, count(*) AS n
WITH collect({key: key, n: n}) AS rows, sum(n) AS known, COUNT { (:Victim) } AS total
UNWIND rows + CASE WHEN total > known THEN [{key: 'unknown', n: total - known}] ELSE [] END AS row
RETURN 'victims_by_age_group' AS chart, row.key AS key, row.n AS n
UNION ALL
MATCH (p:Victim) WHERE p.occupation IS NOT NULL
WITH p.occupation AS key, count(*) AS n
WITH collect({key: key, n: n}) AS rows, sum(n) AS known, COUNT { (:Victim) } AS total
UNWIND rows + CASE WHEN total > known THEN [{key: 'unknown', n: total - known}] ELSE [] END AS row
RETURN 'victims_by_occupation' AS chart, row.key AS key, row.n AS n
UNION ALL
MATCH (p:Victim) WHERE p.status IS NOT NULL
WITH p.status AS key, count(*) AS n
WITH collect({key: key, n: n}) AS rows, sum(n) AS known, COUNT { (:Victim) } AS total
UNWIND rows + CASE WHEN total > known THEN [{key: 'unknown', n: total - known}] ELSE [] END AS row
RETURN 'victims_by_status' AS chart, row.key AS key, row.n AS n
UNION ALL
MATCH (p:Victim)
UNWIND coalesce(p.facet_keys, []) AS pair
WITH pair WHERE pair STARTS WITH 'perpetrator:'
RETURN 'victims_by_perpetrator' AS chart, substring(pair, size('perpetrator:')) AS key, count(*) AS n
UNION ALL
MATCH (b:PerpetratorBody)
RETURN 'perpetrators_by_kind' AS chart, coalesce(b.kind, 'unknown') AS key, count(*) AS n
UNION ALL
MATCH (b:PerpetratorBody)
RETURN 'perpetrators_by_type' AS chart, coalesce(b.perpetrator, 'unknown') AS key, count(*) AS n
UNION ALL
MATCH (pr:Proceeding)
RETURN 'proceedings_by_forum' AS chart, coalesce(pr.forum, 'unknown') AS key, count(*) AS n
