"""A researcher's own console things, kept in the vault: saved queries and the history of
queries run (the newest ``HISTORY`` only). Each belongs to one account and is seen by
that account only; a query's text is the researcher's, over the public graph, and holds
no vault data."""

from __future__ import annotations

import secrets

from neo4j import Driver

from graph import queries
from graph.messages import N_
from service.vault.accounts import AccountError

HISTORY = 50
MAX_SAVED = 200
MAX_TITLE = 200


def _plain(row: dict, *keys: str) -> dict:
    out = dict(row)
    for key in keys:
        if out.get(key) is not None:
            out[key] = out[key].iso_format()
    return out


def save(driver: Driver, database: str, user_uid: str, title: str, query: str,
         max_query: int) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise AccountError("title", N_("give the query a title"))
    if len(title) > MAX_TITLE:
        raise AccountError("title", N_("at most %(count)s characters", count=MAX_TITLE))
    if not (query or "").strip():
        raise AccountError("query", N_("there is no query to save"))
    if len(query) > max_query:
        raise AccountError("query", N_("at most %(count)s characters", count=max_query))
    if len(saved(driver, database, user_uid, MAX_SAVED)) >= MAX_SAVED:
        raise AccountError("title", N_("at most %(count)s saved queries: delete one first",
                                       count=MAX_SAVED))
    uid = f"sq-{secrets.token_hex(8)}"
    queries.run(driver, "console/create_saved_query", database=database, uid=uid,
                user=user_uid, title=title, query=query)
    return uid


def saved(driver: Driver, database: str, user_uid: str, limit: int = MAX_SAVED) -> list[dict]:
    return [_plain(r["saved"], "created_at") for r in queries.run(
        driver, "console/list_saved_queries", database=database, user=user_uid, limit=limit)]


def delete(driver: Driver, database: str, user_uid: str, uid: str) -> bool:
    rows = queries.run(driver, "console/delete_saved_query", database=database, uid=uid,
                       user=user_uid)
    return bool(rows and rows[0]["deleted"])


def record_run(driver: Driver, database: str, user_uid: str, query: str, rows: int | None,
               outcome: str) -> None:
    """Keep a run in the user's history (``outcome``: ``ok``, ``truncated`` or the
    refusal's reason)."""
    queries.run(driver, "console/append_query_run", database=database,
                uid=f"qr-{secrets.token_hex(8)}", user=user_uid, query=query, rows=rows,
                outcome=outcome, keep=HISTORY)


def history(driver: Driver, database: str, user_uid: str, limit: int = HISTORY) -> list[dict]:
    return [_plain(r["run"], "at") for r in queries.run(
        driver, "console/list_query_runs", database=database, user=user_uid, limit=limit)]
