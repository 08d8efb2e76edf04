// Empty a store, then its nodes (none has a relationship left; auto-commit transaction).
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
