// Entities with one of the given primary labels whose name or title is one of $titles
// (Uwazi relationship cells hold titles; the caller reports unknown and ambiguous ones).
// A person whose names are sealed (a witness or relative only: graph/encryption.py) is
// matched through the keyed hashes of the titles ($by_hmac: hash -> titles), by the exact
// name (case, spaces and hyphens aside), never through the plaintext.
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (n.name_en IN $titles OR n.name_ko IN $titles OR n.title IN $titles
       OR any(h IN coalesce(n.name_hmacs, []) WHERE h IN keys($by_hmac)))
WITH n, [t IN [n.name_en, n.name_ko, n.title] WHERE t IN $titles]
        + reduce(found = [], h IN [h IN coalesce(n.name_hmacs, []) WHERE h IN keys($by_hmac)]
                 | found + $by_hmac[h]) AS titles
UNWIND titles AS title
RETURN DISTINCT title, n.uid AS uid
