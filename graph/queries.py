"""Named Cypher queries: ``cypher/<area>/<verb>_<noun>.cypher``, loaded by name.

Queries take ``$params`` only; nothing is ever formatted into Cypher text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path as FilePath
from typing import Any

from neo4j import Driver, Query
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

CYPHER_DIR = FilePath(__file__).resolve().parents[1] / "cypher"


class UnknownQueryError(KeyError):
    pass


@cache
def text(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (e.g. ``"load/merge_nodes"``)."""
    path = (CYPHER_DIR / f"{name}.cypher").resolve()
    if CYPHER_DIR not in path.parents or not path.exists():
        raise UnknownQueryError(name)
    return path.read_text(encoding="utf-8").strip().rstrip(";")


def names() -> list[str]:
    """Every named query, e.g. for the EXPLAIN test."""
    return sorted(str(p.relative_to(CYPHER_DIR).with_suffix("")) for p in CYPHER_DIR.rglob("*.cypher"))


def run(driver: Driver, name: str, database: str = "neo4j", timeout: float | None = None,
        **params: Any) -> list[dict]:
    """Run a named query in an auto-commit transaction and return its records as dicts.

    No automatic retries: a store that is down should surface at once (as a
    503 in the API), not after the driver's 30 s of retrying.
    """
    try:
        return _run_once(driver, name, database, timeout, params)
    except (ServiceUnavailable, SessionExpired):
        # Once more at once: after a server restart the pool may hand out a connection that
        # died with the old process. A server that is really down fails again, quickly.
        return _run_once(driver, name, database, timeout, params)


def _run_once(driver: Driver, name: str, database: str, timeout: float | None,
              params: dict) -> list[dict]:
    with driver.session(database=database) as session:
        result = session.run(Query(text(name), timeout=timeout), params)
        return [_plain(record) for record in result]


def run_in(tx, name: str, **params: Any) -> list[dict]:
    """Run a named query inside an open transaction."""
    return [_plain(record) for record in tx.run(text(name), params)]


_GRAPH_TYPES = (Node, Relationship, Path)


def _plain(record) -> dict:
    """A record as a dict. Named queries return maps, lists and values, never nodes,
    relationships or paths, so the record needs no ``data()``, whose recursive walk over
    every value slowed a neighbourhood's answer measurably (docs/performance.md). A
    top-level graph value still gets ``data()``; the tests check every record of every
    query they run against ``data()`` (tests/conftest.py)."""
    values = dict(record.items())
    if any(isinstance(v, _GRAPH_TYPES) for v in values.values()):
        return record.data()
    return values
