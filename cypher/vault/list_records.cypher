// Every record of the record types $types that the caller may see, by uid, for browsing
// without a search text (the same visibility rule and row shape as search_records).
MATCH (node:Entity)
WHERE any(l IN labels(node) WHERE l IN $types)
  AND (node:Public OR node:Restricted
       OR ($organization IS NOT NULL
           AND (node.owner = $organization OR node.submitted_by = $organization
                OR ((node:Event OR node:Proceeding)
                    AND EXISTS { MATCH (:Person {owner: $organization})--(node) }))))
WITH node, 0.0 AS score
ORDER BY node.uid
LIMIT $limit
RETURN node.uid AS uid, labels(node) AS labels, score,
       node {.name_en, .name_ko, .name_variants, .title, .title_en, .title_ko, .kind,
             .reference, .forum, .year, .category, .status, .review_status, .at_risk,
             .in_dprk, .owner, .submitted_by} AS props,
       [(node)-[:GAVE]->(c:Consent) WHERE c.purpose = 'publication' | c.withdrawn_on IS NULL]
         AS publication_consents,
       CASE WHEN node:Event OR node:Proceeding THEN [(p:Person)--(node) | p.owner] ELSE [] END
         AS linked,
       [(node)-[:SUBJECTED_TO]->(e:Event)-[:PERPETRATED_BY]->(b:PerpetratorBody) | [e.uid, b.uid]]
         + [(node:Event)-[:PERPETRATED_BY]->(b:PerpetratorBody) | [node.uid, b.uid]] AS bodies,
       [(node)-[:TAKEN_FROM|HELD_AT|LAST_SEEN_AT|LIVED_AT|OCCURRED_AT]->(l:Location)
         | [node.uid, l.uid]] AS places
