// The public victims whose derived facets (publication/derive_victim_facets)
// could change when the public records $uids change: those records if they are
// victims, the victims of those events, the victims those proceedings concern,
// the victims of events perpetrated by those bodies or officials or by anyone
// under them, and the victims linked to those places or to places within them.
// Run before and after a change, so victims that lose a link count too.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
CALL (n) {
  WITH n WHERE n:Victim
  RETURN n.uid AS victim
  UNION
  MATCH (p:Victim)-[:SUBJECTED_TO]->(n:Event)
  RETURN p.uid AS victim
  UNION
  MATCH (n:Proceeding)-[:CONCERNS]->(p:Victim)
  RETURN p.uid AS victim
  UNION
  MATCH (p:Victim)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->()-[:PART_OF|MEMBER_OF]->{0,8}(n)
  RETURN p.uid AS victim
  UNION
  MATCH (p:Victim)-[:TAKEN_FROM|LAST_SEEN_AT|LIVED_AT]->(:Location)-[:WITHIN]->{0,8}(n:Location)
  RETURN p.uid AS victim
}
RETURN collect(DISTINCT victim) AS victims
