// What identifies the public graph's current content: every change to it goes
// through the publication pipeline, which bumps the revision and stamps
// published_at in the same transaction (cypher/publication/merge_public_meta.cypher).
OPTIONAL MATCH (m:PublicMeta {uid: 'public-meta'})
RETURN m.revision AS revision, toString(m.published_at) AS published_at
