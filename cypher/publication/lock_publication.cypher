// Take the publication lock: writing the lock node holds its write lock until the
// holding transaction ends, so a second publication waits here.
MERGE (l:PublicationLock {uid: 'publication-lock'})
SET l.taken = coalesce(l.taken, 0) + 1
