// Record an editor's judgement of two people, replacing any earlier one between them
// (in either direction); returns what it replaced, for the audit log.
MATCH (a:Person {uid: $a})
MATCH (b:Person {uid: $b})
OPTIONAL MATCH (a)-[old:JUDGED]-(b)
WITH a, b, collect(old {.verdict, .by, .at, .note}) AS previous, collect(old) AS olds
FOREACH (r IN olds | DELETE r)
CREATE (a)-[:JUDGED {key: '', verdict: $verdict, by: $by, at: $at, note: $note}]->(b)
RETURN previous
