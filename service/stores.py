"""Per-request access to the stores.

Public-facing code (the public API, the pages, exports, the Cypher console)
imports :func:`public_query`, :func:`public_driver` or :func:`public_store` only; vault
code imports :func:`vault`; the health check, which reports on both, :func:`stores`. A
test checks that no public module reaches for the vault.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from graph import queries
from graph.connections import ReadingDriver, Stores, password_for
from graph.settings import StoreSettings


def stores() -> Stores:
    """Both stores of this app (one :class:`Stores` per app, made by the app factory)."""
    return current_app.extensions["footprints.stores"]


def public_driver() -> tuple[ReadingDriver, str]:
    """The public graph's driver for reading (every transaction in read access mode: a
    cluster's secondaries can serve it, and a write in it is refused), and its database."""
    s = stores()
    return s.public_reader, s.database("public")


def public_store() -> tuple[StoreSettings, str]:
    """The public graph's settings and password: for the console's worker processes, which
    open their own connection (to the public graph only: they are never given the vault's)."""
    settings = current_app.config["SETTINGS"]
    return settings.public, password_for(settings, settings.public)


def public_query(name: str, timeout: float | None = None, **params: Any) -> list[dict]:
    """Run a named query on the public graph."""
    driver, database = public_driver()
    timeout = timeout or current_app.config["SETTINGS"].query_timeout_s
    return queries.run(driver, name, database=database, timeout=timeout, **params)


def vault() -> Stores:
    """Both stores, for vault endpoints (authenticated, role-checked, audited)."""
    return stores()
