// The public graph's metadata: its generation, revision (bumped by every
// change, so caches know to drop) and the suppressed confidential counts.
MERGE (m:PublicMeta {uid: 'public-meta'})
SET m.generation = coalesce($generation, m.generation),
    m.revision = coalesce(m.revision, 0) + 1,
    m.published_at = datetime(),
    m.held_confidentially = $held_confidentially
RETURN m.generation AS generation, m.revision AS revision
