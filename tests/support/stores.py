"""Store helpers shared by the fixtures."""

from __future__ import annotations


def wipe(driver, database: str = "neo4j") -> None:
    """Empty a store. Retried: after a fault test restarted a server, the pool may still
    hold connections that died with the old process."""
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    from graph.publication import wait_for_recounts

    wait_for_recounts()  # a recount of the last test's graph must not land in the next one

    for attempt in range(3):
        try:
            with driver.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                            "IN TRANSACTIONS OF 5000 ROWS").consume()
            return
        except (ServiceUnavailable, SessionExpired):
            if attempt == 2:
                raise


def record_counts(driver) -> dict:
    """The records of a store: its domain nodes and the relationships between them, not
    its bookkeeping (audit entries, the free-text gate's state and index, users)."""
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity) WITH count(n) AS nodes "
        "OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS rels")
    return records[0].data()
