// Change a source's terms of use; returns the old terms.
MATCH (s:Source {uid: $source})
WITH s, s.terms_of_use AS old
SET s.terms_of_use = $terms
RETURN old
