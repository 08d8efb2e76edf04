// Whether an Organization with this uid exists (users belong to one).
OPTIONAL MATCH (o:Organization {uid: $uid})
RETURN o.uid AS uid, o.name_en AS name_en
