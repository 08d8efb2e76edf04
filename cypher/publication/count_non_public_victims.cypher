// Victims held in the vault but not published, by category (for suppressed totals).
MATCH (p:Victim)
WHERE NOT p:Public
RETURN coalesce(p.category, 'unknown') AS category, count(*) AS n
