// For each document: its terms and review, the labels of its sources, how many of the
// persons, events and proceedings it is about are public, whether its public copy exists,
// and its title and text for the free-text gate.
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
OPTIONAL MATCH (d)-[:FROM_SOURCE]->(s:Source)
WITH d, collect(CASE WHEN s:Public THEN 'Public' WHEN s:Confidential THEN 'Confidential'
                     ELSE 'Restricted' END) AS source_labels
OPTIONAL MATCH (d)-[:ABOUT]->(x)
  WHERE x:Person OR x:Event OR x:Proceeding
RETURN d.uid AS uid, d.terms_of_use AS terms_of_use, d.review_status AS review_status,
       source_labels,
       count(CASE WHEN x:Public THEN 1 END) AS public_about,
       count(CASE WHEN x IS NOT NULL AND NOT x:Public THEN 1 END) AS non_public_about,
       d.public_sha256 IS NOT NULL AS has_public_copy,
       d.title_en AS title_en, d.title_ko AS title_ko, coalesce(d.text_pages, []) AS text_pages
