// A researcher's request for console access, as they typed it; an admin decides on it.
CREATE (r:AccessRequest {uid: $uid, name: $display_name, email: $email, affiliation: $affiliation,
                         purpose: $purpose, status: 'pending', created_at: datetime()})
RETURN r.uid AS uid
