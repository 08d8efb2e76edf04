// People in the vault by name (English, Hangul, variants, compact keys), best first.
// Confidential people (and people with no consent label yet) only for their owner's
// users, whatever their role: a record the caller may not see never leaves the database.
// A soft-deleted person is found by no one.
CALL db.index.fulltext.queryNodes('person_names', $query) YIELD node, score
WITH node, score
WHERE (node:Public OR node:Restricted OR node.owner = $organization) AND NOT node:Deleted
RETURN node.uid AS uid, labels(node) AS labels, node.name_en AS name_en,
       node.name_ko AS name_ko, node.name_variants AS name_variants, node.status AS status,
       node.category AS category, node.birth_year AS birth_year, node.owner AS owner, score
ORDER BY score DESC, uid
LIMIT $limit
