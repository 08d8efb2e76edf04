// The next batch of records a key rotation has to re-seal (see count_to_rotate), with the
// stored values of the encrypted fields and the key that sealed them.
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (n.sealed_with <> $key_id
       OR (n.sealed_with IS NULL AND any(f IN $fields WHERE n[f] IS NOT NULL)))
RETURN n.uid AS uid, labels(n) AS labels, n.sealed_with AS sealed_with,
       [f IN $fields | n[f]] AS values
LIMIT $limit
