// Nodes of one label (and role, if given) with what an Uwazi row needs: properties,
// outgoing relationships with the titles of their targets, and the events they were
// subjected to with those events' places and perpetrators. Run on the public graph.
MATCH (n:Entity)
WHERE $label IN labels(n) AND ($role IS NULL OR $role IN labels(n))
RETURN n.uid AS uid, properties(n) AS props,
       [(n)-[r]->(m:Entity) | {type: type(r), title: coalesce(m.name_en, m.title, m.name_ko, m.uid),
        props: properties(r)}] AS outgoing,
       [(m:Entity)-[r]->(n) | {type: type(r), title: coalesce(m.name_en, m.title, m.name_ko, m.uid),
        props: properties(r)}] AS incoming,
       [(n)-[:SUBJECTED_TO]->(e:Event) | e {.uid, .kind, .date_start, .date_end, .date_precision,
        .summary_en, .summary_ko,
        places: [(e)-[:OCCURRED_AT]->(l:Location) | l.name_en],
        perpetrators: [(e)-[:PERPETRATED_BY]->(b:Entity) | coalesce(b.name_en, b.name_ko, b.uid)]}]
         AS events,
       [(s:Source)-[:SUPPORTS]->(n) WHERE s.url IS NOT NULL | s {.uid, .title, .url}] AS links
ORDER BY n.uid
