// Victims by category, read from the Victim(category) range index (no property store
// reads), with 'unknown' for those without one. Run on the vault and on the public
// graph: the difference is what the vault holds but does not publish.
MATCH (p:Victim)
WHERE p.category IS NOT NULL
WITH p.category AS category, count(*) AS n
WITH collect({category: category, n: n}) AS known
RETURN known, COUNT { (:Victim) } AS total
