// Remove the vault's data key canary before a restore writes the backup's own (the canary of
// the key the backup's sealed values were written with).
MATCH (k:DataKeyCanary)
DETACH DELETE k
