// Case boards are found by uid and listed by organisation.
CREATE CONSTRAINT caseboard_uid IF NOT EXISTS FOR (n:CaseBoard) REQUIRE n.uid IS UNIQUE;
CREATE INDEX caseboard_organization IF NOT EXISTS FOR (n:CaseBoard) ON (n.organization)
