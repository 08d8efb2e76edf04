// Retract the judgement between two people; returns what was retracted.
MATCH (:Person {uid: $a})-[j:JUDGED]-(:Person {uid: $b})
WITH j, j {.verdict, .by, .at, .note} AS previous
DELETE j
RETURN previous
