// Every editor judgement of a candidate pair.
MATCH (a:Person)-[j:JUDGED]->(b:Person)
RETURN a.uid AS a, b.uid AS b, j.verdict AS verdict, j.by AS by, j.at AS at, j.note AS note
ORDER BY a, b
