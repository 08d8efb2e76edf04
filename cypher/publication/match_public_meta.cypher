// The public graph's generation and revision.
OPTIONAL MATCH (m:PublicMeta {uid: 'public-meta'})
RETURN m.generation AS generation, m.revision AS revision, m.held_confidentially AS held
