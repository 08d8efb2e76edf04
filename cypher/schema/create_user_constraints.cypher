// Accounts: one user per e-mail address, one token per hash, tokens found by user.
CREATE CONSTRAINT user_email IF NOT EXISTS FOR (u:User) REQUIRE u.email IS UNIQUE;
CREATE CONSTRAINT apitoken_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.token_hash IS UNIQUE;
CREATE INDEX apitoken_user IF NOT EXISTS FOR (t:ApiToken) ON (t.user)
