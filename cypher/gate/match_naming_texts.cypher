// Published records whose text holds any of the given terms (a superset: the gate
// checks each one exactly). Each term is one lookup in the PublicText text index.
UNWIND $terms AS term
MATCH (t:PublicText)
WHERE t.text CONTAINS term
RETURN DISTINCT t.record AS uid
