// Sessions past their absolute or idle expiry are of no use to anyone.
MATCH (s:Session)
WHERE s.expires_at <= datetime()
   OR s.last_seen_at + duration({minutes: s.idle_minutes}) <= datetime()
DELETE s
RETURN count(*) AS deleted
