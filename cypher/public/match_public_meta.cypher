// What the publication pipeline says about the public graph: its generation,
// when it was published, and the suppressed totals of victims held confidentially.
OPTIONAL MATCH (m:PublicMeta {uid: 'public-meta'})
RETURN m.generation AS generation, m.revision AS revision, m.published_at AS published_at,
       m.held_confidentially AS held_confidentially
