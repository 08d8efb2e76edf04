// The names of the given persons (the terms a republish looks up in published text).
UNWIND $uids AS uid
MATCH (p:Person {uid: uid})
RETURN p.uid AS uid, p.name_en AS name_en, p.name_ko AS name_ko,
       p.name_variants AS name_variants
