"""Store helpers shared by the fixtures."""

from __future__ import annotations


def wipe(stores, name: str) -> None:
    """Empty one of the stores (``"vault"`` or ``"public"``). Retried: after a fault test
    restarted a server, the pool may still hold connections that died with the old process."""
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    stores.recount.wait()  # a recount of the last test's graph must not land in the next one
    driver, database = stores.driver(name), stores.database(name)

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
