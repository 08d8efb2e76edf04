// People in the vault by name (English, Hangul, variants, compact keys), best first.
// People whose names are sealed (witnesses and relatives only: graph/encryption.py) are
// found through the keyed hashes $hmacs of the exact name typed, never by the ciphertext
// the names index holds of them (a prefix could match a piece of it).
// Confidential people (and people with no consent label yet) only for their owner's
// users, whatever their role: a record the caller may not see never leaves the database.
// A soft-deleted person is found by no one.
CALL () {
  CALL db.index.fulltext.queryNodes('person_names', $query) YIELD node, score
  WITH node, score WHERE size(coalesce(node.name_hmacs, [])) = 0
  RETURN node, score
  UNION
  CALL db.index.fulltext.queryNodes('person_name_hmacs', $hmacs) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE (node:Public OR node:Restricted OR node.owner = $organization) AND NOT node:Deleted
RETURN node.uid AS uid, labels(node) AS labels, node.name_en AS name_en,
       node.name_ko AS name_ko, node.name_variants AS name_variants, node.status AS status,
       node.category AS category, node.birth_year AS birth_year, node.owner AS owner, score
ORDER BY score DESC, uid
LIMIT $limit
