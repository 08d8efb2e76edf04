// Whether the vault holds only synthetic people (demo accounts are for those only), and its
// organisations in uid order.
CALL () {
  MATCH (p:Person)
  WHERE NOT coalesce(p.synthetic, false)
  RETURN count(p) AS real_people
}
CALL () {
  MATCH (o:Organization)
  WITH o ORDER BY o.uid
  RETURN collect(o.uid) AS organizations
}
RETURN real_people, organizations
