// Derive, on public victims, what search facets, search filters and dashboard
// counts would otherwise read from the graph on every request:
// - facet_years: the distinct years of the events they were subjected to,
//   ascending (the first is the year of their first event);
// - facet_keys: every search facet value of the victim as 'facet:key' text:
//   their own category, sex, status, occupation, age group and nationality,
//   the decade of their first event, the perpetrator types anywhere up the
//   chain of command of those events, the forums of proceedings concerning
//   them, and the provinces holding the places they were taken from, last seen
//   at or lived at. One list, because Neo4j reads one property of thousands of
//   nodes much faster than ten (docs/performance.md).
// $uids: the victims to derive (null: every victim). Read from the public graph
// only, so nothing here can say more than the public records do.
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
              RETURN DISTINCT 'perpetrator:' + b.perpetrator AS k ORDER BY k } AS perpetrators,
    COLLECT { MATCH (pr:Proceeding)-[:CONCERNS]->(p) WHERE pr.forum IS NOT NULL
              RETURN DISTINCT 'forum:' + pr.forum AS k ORDER BY k } AS forums,
    COLLECT { MATCH (p)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(l:Location {kind: 'province'})
              RETURN DISTINCT 'province:' + l.uid AS k ORDER BY k } AS provinces
}
WITH p, years, perpetrators + forums + provinces AS linked
SET p.facet_years = years,
    p.facet_keys = [pair IN [['category', p.category], ['sex', p.sex], ['status', p.status],
                             ['occupation', p.occupation], ['age_group', p.age_group],
                             ['nationality', p.nationality],
                             ['decade', toString(years[0] / 10 * 10)]]
                    WHERE pair[1] IS NOT NULL | pair[0] + ':' + pair[1]] + linked
RETURN count(p) AS derived
