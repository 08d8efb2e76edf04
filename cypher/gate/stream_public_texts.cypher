// Every published record's text (a check of many persons at once, e.g. after an import).
MATCH (t:PublicText)
RETURN t.record AS uid, t.text AS text
