// Change the role of an account of one organisation; its sessions end, so the new role
// (and the second factor an editor's or admin's role requires) applies from the next sign-in.
MATCH (u:User {uid: $uid, organization: $organization})
SET u.role = $role
WITH u
OPTIONAL MATCH (s:Session {user: u.uid})
DETACH DELETE s
RETURN DISTINCT u.uid AS uid
