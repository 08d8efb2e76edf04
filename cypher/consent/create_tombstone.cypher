// A tombstone in the vault: which record left the public graph and when, no personal data.
CREATE (t:Tombstone {uid: $uid, subject: $subject, at: datetime(), reason: $reason})
RETURN t.uid AS uid
