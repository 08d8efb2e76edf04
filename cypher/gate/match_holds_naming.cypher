// Records with a field withheld for naming any of the given persons.
MATCH (h:TextHold)
WHERE any(p IN h.persons WHERE p IN $persons)
RETURN DISTINCT h.record AS uid
