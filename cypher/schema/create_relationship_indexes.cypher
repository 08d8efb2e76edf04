// Relationship indexes used by the loaders' MERGE on relationship keys and by
// source-provenance look-ups (which facts does a source support?).
CREATE INDEX rel_relative_of_key IF NOT EXISTS FOR ()-[r:RELATIVE_OF]-() ON (r.key);
CREATE INDEX rel_subjected_to_sources IF NOT EXISTS FOR ()-[r:SUBJECTED_TO]-() ON (r.sources)
