// Entities with one of the given primary labels whose name or title is one of $titles
// (Uwazi relationship cells hold titles; the caller reports unknown and ambiguous ones).
MATCH (n:Entity)
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (n.name_en IN $titles OR n.name_ko IN $titles OR n.title IN $titles)
UNWIND [t IN [n.name_en, n.name_ko, n.title] WHERE t IN $titles] AS title
RETURN DISTINCT title, n.uid AS uid
