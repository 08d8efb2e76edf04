// Sessions of the signed-in workspace are found by the hash of their secret, and ended
// by user when an account is disabled or its two-factor sign-in reset.
CREATE INDEX session_secret_hash IF NOT EXISTS FOR (n:Session) ON (n.secret_hash);
CREATE INDEX session_user IF NOT EXISTS FOR (n:Session) ON (n.user)
