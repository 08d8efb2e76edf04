// What the publication pipeline says about the public graph: its generation,
// when it was published, the suppressed totals of victims held confidentially,
// and the dashboard's counts if the last change recounted them (JSON or null).
OPTIONAL MATCH (m:PublicMeta {uid: 'public-meta'})
RETURN m.generation AS generation, m.revision AS revision, m.published_at AS published_at,
       m.held_confidentially AS held_confidentially, m.statistics AS statistics
