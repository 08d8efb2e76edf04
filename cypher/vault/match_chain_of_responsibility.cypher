// The vault's chain of responsibility of victim $uid, as public/match_chain_of_responsibility
// reads the public graph: the events they were subjected to (overlapping [$date_from,
// $date_to] when given), who perpetrated each, and the chain of command above
// (PART_OF, REPORTS_TO, COMMANDED_BY, an official's MEMBER_OF, up to 8 steps) through
// links valid at the time. Records come as uids: the caller keeps those the user may see.
MATCH (v:Victim {uid: $uid})-[s:SUBJECTED_TO]->(e:Event)
WHERE ($date_from IS NULL OR coalesce(e.date_end, e.date_start) >= date($date_from))
  AND ($date_to IS NULL OR coalesce(e.date_start, e.date_end) <= date($date_to))
WITH v, s, e,
     coalesce(date($date_from), e.date_start, date('0001-01-01')) AS w_from,
     coalesce(date($date_to), e.date_end, e.date_start, date('9999-12-31')) AS w_to
OPTIONAL MATCH (e)-[pb:PERPETRATED_BY]->(x:Entity)
OPTIONAL MATCH chain = (x)-[c:PART_OF|REPORTS_TO|COMMANDED_BY|MEMBER_OF
                            WHERE (c.date_from IS NULL OR c.date_from <= w_to)
                              AND (c.date_to IS NULL OR c.date_to >= w_from)]->{1,8}(top:Entity)
WITH v, s, e, pb, x, chain
ORDER BY e.date_start, e.uid, x.uid, length(chain) DESC
RETURN e.uid AS event,
       {id: elementId(s), type: type(s), from: v.uid, to: e.uid, props: properties(s)} AS subjected,
       CASE WHEN pb IS NULL THEN null ELSE
         {id: elementId(pb), type: type(pb), from: e.uid, to: x.uid, props: properties(pb)} END AS perpetrated,
       x.uid AS perpetrator,
       [n IN coalesce(nodes(chain), []) | n.uid] AS chain_nodes,
       [r IN coalesce(relationships(chain), []) | {id: elementId(r), type: type(r), from: startNode(r).uid,
                                                   to: endNode(r).uid, props: properties(r)}] AS chain_rels
