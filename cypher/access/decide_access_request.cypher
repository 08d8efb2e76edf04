// An admin's decision on a pending request (approved with the account made for it, or
// declined with a reason); a request is decided once.
MATCH (r:AccessRequest {uid: $uid, status: 'pending'})
SET r.status = $status, r.decided_at = datetime(), r.decided_by = $actor,
    r.organization = $organization, r.user = $user, r.reason = $reason
RETURN r {.uid, .name, .email, .status} AS request
