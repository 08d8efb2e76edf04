// A new case board of organisation $organization (not an Entity: boards never reach the
// public graph, exports or the graph tools).
CREATE (b:CaseBoard {uid: $uid, organization: $organization, title: $title,
                     investigation: $investigation, created_by: $actor, created_at: $at,
                     updated_at: $at})
RETURN b.uid AS uid
