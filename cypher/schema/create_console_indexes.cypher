// A researcher's saved queries and history are found by their user.
CREATE INDEX saved_query_user IF NOT EXISTS FOR (n:SavedQuery) ON (n.user);
CREATE INDEX query_run_user IF NOT EXISTS FOR (n:QueryRun) ON (n.user)
