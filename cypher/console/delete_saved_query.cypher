// Delete a saved query of this user (another user's is not found).
MATCH (q:SavedQuery {uid: $uid, user: $user})
DELETE q
RETURN count(*) AS deleted
