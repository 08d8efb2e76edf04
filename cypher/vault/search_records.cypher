// Records of every type whose names, titles or references match the escaped full-text
// query $lucene, best first, optionally only of the record types $types: only those the
// caller may see (Public and Restricted ones; Confidential or unlabelled ones only of
// their organisation $organization, as service.vault.visibility decides: its own owner
// field, or for events and proceedings the owners of the people linked to them). With
// what a badge and the facets need: the consent facts, and the (event, body) and
// (event or person, place) pairs, whose visibility the caller checks.
// People whose names are sealed (witnesses and relatives only: graph/encryption.py) are
// found through the keyed hashes $hmacs of the exact text typed, never by the ciphertext
// the names index holds of them (a prefix could match a piece of it).
CALL () {
  CALL db.index.fulltext.queryNodes('person_names', $lucene) YIELD node, score
  WITH node, score WHERE size(coalesce(node.name_hmacs, [])) = 0
  RETURN node, score
  UNION
  CALL db.index.fulltext.queryNodes('person_name_hmacs', $hmacs) YIELD node, score
  RETURN node, score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
  RETURN node, score
  UNION
  CALL db.index.fulltext.queryNodes('source_titles', $lucene) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE any(l IN labels(node) WHERE l IN $types)
  AND (node:Public OR node:Restricted
       OR ($organization IS NOT NULL
           AND (node.owner = $organization OR node.submitted_by = $organization
                OR ((node:Event OR node:Proceeding)
                    AND EXISTS { MATCH (:Person {owner: $organization})--(node) }))))
WITH node, score
ORDER BY score DESC, node.uid
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
