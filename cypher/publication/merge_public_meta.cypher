// The public graph's metadata: its generation, revision (bumped by every
// change, so caches know to drop), the suppressed confidential counts, and the
// dashboard's counts as of this change ($statistics: JSON rows of
// public/count_statistics; null makes readers count live until
// publication/set_public_statistics stores them).
MERGE (m:PublicMeta {uid: 'public-meta'})
SET m.generation = coalesce($generation, m.generation),
    m.revision = coalesce(m.revision, 0) + 1,
    m.published_at = datetime(),
    m.held_confidentially = $held_confidentially,
    m.statistics = $statistics
RETURN m.generation AS generation, m.revision AS revision, toString(m.published_at) AS published_at
