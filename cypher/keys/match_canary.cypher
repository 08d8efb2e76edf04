// The vault's data key canary: a known text sealed with the vault's key, opened at
// start-up so that a wrong or missing key is an error then, never an empty field later.
MATCH (k:DataKeyCanary {name: 'canary'})
RETURN k.token AS token, k.key_id AS key_id
