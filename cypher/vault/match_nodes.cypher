// Vault records by uid, in the {uid, labels, props} row form, with only what names them
// and what their badge rests on (a graph view shows no contact details or notes).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels,
       n {.name_en, .name_ko, .title, .kind, .reference, .forum, .year, .review_status,
          .at_risk, .in_dprk} AS props,
       [(n)-[:GAVE]->(c:Consent) WHERE c.purpose = 'publication' | c.withdrawn_on IS NULL]
         AS publication_consents
