// Records whose encrypted fields were sealed with a key other than those given (a vault
// that lost its canary must not be taken over by a new key), and those keys' ids.
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND n.sealed_with IS NOT NULL AND NOT n.sealed_with IN $key_ids
RETURN count(n) AS records, collect(DISTINCT n.sealed_with)[..5] AS key_ids
