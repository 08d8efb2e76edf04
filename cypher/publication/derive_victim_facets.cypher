// Derive, on public victims, what search facets, search filters and dashboard
// counts would otherwise walk the graph for on every request: the distinct
// years of the events they were subjected to (ascending: the first is the
// year of their first event), the perpetrator types anywhere up the chain of
// command of those events, the forums of proceedings concerning them, and the
// provinces that hold the places they were taken from, last seen at or lived
// at. $uids: the victims to derive (null: every victim). Read from the public
// graph only, so nothing here can say more than the public records do.
CALL () {
  WITH $uids AS uids WHERE uids IS NULL
  MATCH (p:Victim)
  RETURN p
  UNION
  UNWIND coalesce($uids, []) AS uid
  MATCH (p:Entity {uid: uid}) WHERE p:Victim
  RETURN p
}
CALL (p) {
  RETURN
    COLLECT { MATCH (p)-[:SUBJECTED_TO]->(e:Event) WHERE e.year IS NOT NULL
              RETURN DISTINCT e.year AS y ORDER BY y } AS years,
    COLLECT { MATCH (p)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(b:PerpetratorBody)
              WHERE b.perpetrator IS NOT NULL
              RETURN DISTINCT b.perpetrator AS k ORDER BY k } AS perpetrators,
    COLLECT { MATCH (pr:Proceeding)-[:CONCERNS]->(p) WHERE pr.forum IS NOT NULL
              RETURN DISTINCT pr.forum AS k ORDER BY k } AS forums,
    COLLECT { MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location {kind: 'province'})
              RETURN DISTINCT l.uid AS k ORDER BY k } AS provinces
}
SET p.facet_years = years, p.facet_perpetrators = perpetrators, p.facet_forums = forums,
    p.facet_provinces = provinces
RETURN count(p) AS derived
