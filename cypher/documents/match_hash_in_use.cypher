// Which of $hashes a public document still carries (a public copy or a public thumbnail).
UNWIND $hashes AS h
OPTIONAL MATCH (d:Document {public_sha256: h})
OPTIONAL MATCH (t:Document {public_thumb_sha256: h})
WITH h, count(d) + count(t) AS uses
WHERE uses > 0
RETURN h AS sha256
