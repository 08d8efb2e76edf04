// Records a key rotation has still to re-seal: sealed with another key, holding values of
// encrypted fields from before encryption (never sealed), or holding fields sealed for some
// roles only ($role_sealed: a witness's or a relative's names) in a form their roles do not
// say (sealed while the record has another role too, or open while it has none other).
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
RETURN count(n) AS records
