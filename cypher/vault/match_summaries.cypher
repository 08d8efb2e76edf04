// Short descriptions of records (for lists of related records): what names a record.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, n {.name_en, .name_ko, .title, .title_en, .title_ko, .kind, .reference,
                        .forum, .purpose, .terms_of_use, .date_start, .year, .status,
                        .category} AS summary
