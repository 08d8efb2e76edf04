// Replace a person's role sub-labels (Victim, Witness, Relative, Official).
MATCH (p:Person {uid: $uid})
REMOVE p:Victim:Witness:Relative:Official
SET p:$($roles)
RETURN p.uid AS uid
