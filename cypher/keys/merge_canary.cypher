// Write the data key canary (a vault without one, or the last step of a key rotation).
MERGE (k:DataKeyCanary {name: 'canary'})
SET k.token = $token, k.key_id = $key_id
