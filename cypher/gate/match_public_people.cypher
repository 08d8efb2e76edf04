// Which of the given persons are Public in the vault now.
UNWIND $uids AS uid
MATCH (p:Person:Public {uid: uid})
RETURN p.uid AS uid
