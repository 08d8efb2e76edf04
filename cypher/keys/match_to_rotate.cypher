// The next batch of records a key rotation has to re-seal (see count_to_rotate), with the
// stored values of the fields that may be sealed and the key that sealed them.
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (n.sealed_with <> $key_id
       OR (n.sealed_with IS NULL AND any(f IN $fields WHERE n[f] IS NOT NULL))
       OR any(rs IN $role_sealed WHERE rs.label IN labels(n)
              AND any(f IN rs.fields WHERE n[f] IS NOT NULL
                      AND any(v IN CASE WHEN n[f] IS :: LIST<ANY> THEN n[f] ELSE [n[f]] END
                              WHERE (v STARTS WITH $prefix) <>
                                    (any(l IN labels(n) WHERE l IN rs.all_roles)
                                     AND all(l IN labels(n) WHERE NOT l IN rs.all_roles
                                                                  OR l IN rs.roles))))))
RETURN n.uid AS uid, labels(n) AS labels, n.sealed_with AS sealed_with,
       [f IN $fields | n[f]] AS values
LIMIT $limit
