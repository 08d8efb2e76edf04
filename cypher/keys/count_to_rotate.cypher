// Records a key rotation has still to re-seal: sealed with another key, or holding values
// of encrypted fields from before encryption (never sealed).
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (n.sealed_with <> $key_id
       OR (n.sealed_with IS NULL AND any(f IN $fields WHERE n[f] IS NOT NULL)))
RETURN count(n) AS records
