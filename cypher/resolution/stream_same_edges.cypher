// Every judgement "same", with the consent label of both people (full publication).
MATCH (a:Person)-[:JUDGED {verdict: 'same'}]->(b:Person)
RETURN a.uid AS a, b.uid AS b,
       [l IN labels(a) WHERE l IN ['Public', 'Restricted', 'Confidential']][0] AS a_label,
       [l IN labels(b) WHERE l IN ['Public', 'Restricted', 'Confidential']][0] AS b_label
