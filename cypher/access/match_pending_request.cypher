// A pending request by uid, or by e-mail address (one pending request per address).
MATCH (r:AccessRequest {status: 'pending'})
WHERE r.uid = $uid OR r.email = $email
RETURN r {.uid, .name, .email, .affiliation, .purpose} AS request
LIMIT 1
