// Store the dashboard's counts ($statistics, JSON) if the public graph is still
// at the version they were counted on ($revision, $published_at); a later
// change has its own recount. The revision is not bumped: the counts say
// nothing new about this version, so nothing cached for it is wrong.
MATCH (m:PublicMeta {uid: 'public-meta'})
WHERE m.revision = $revision AND toString(m.published_at) = $published_at
SET m.statistics = $statistics
RETURN count(m) AS stored
