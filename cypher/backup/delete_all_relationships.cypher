// Empty a store, relationships first (a failed restore removes what it wrote): batches of
// relationships keep each transaction small even around dense nodes, which a DETACH DELETE
// of their node would take all at once (auto-commit transaction).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
