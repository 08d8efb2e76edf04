// One page of public nodes labelled $label, with the total. $filters maps a
// property to the values allowed for it (e.g. {category: ['war_pow']});
// $year_from/$year_to bound n.year; $within keeps locations inside another.
MATCH (n:$($label))
WHERE all(k IN keys(coalesce($filters, {})) WHERE n[k] IN $filters[k])
  AND ($year_from IS NULL OR n.year >= $year_from)
  AND ($year_to IS NULL OR n.year <= $year_to)
  AND ($within IS NULL OR EXISTS { (n)-[:WITHIN]->{1,8}(:Location {uid: $within}) })
WITH n
ORDER BY coalesce(n.name_en, n.reference, n.title, toString(n.date_start), n.uid), n.uid
WITH collect(n) AS ns
RETURN size(ns) AS total,
       [n IN ns[$skip..($skip + $limit)] | {uid: n.uid, labels: labels(n), props: properties(n)}] AS items
