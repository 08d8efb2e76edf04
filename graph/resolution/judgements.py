"""Editors' judgements of candidate duplicates: same, different or unsure.

A judgement is a ``(:Person)-[:JUDGED {verdict, by, at, note}]->(:Person)`` in the
vault, one per pair: a later judgement replaces the earlier one and a retraction
removes it, each in one vault transaction with its audit entry (which keeps the
replaced verdict, so the history is in the hash-chained log). Then the pair's
clusters are republished, so that a public ``SAME_AS`` appears or disappears before
the call returns.
"""

from __future__ import annotations

from datetime import UTC, datetime

from neo4j import Driver

from graph import audit, queries
from graph.connections import Stores
from graph.consent.editor import EditError, Result
from graph.publication import republish_stores
from graph.vocabularies import choices


def _check(stores: Stores, a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise EditError("a record cannot be judged against itself")
    rows = queries.run(stores.vault, "load/match_entity_labels", database=stores.database("vault"),
                       uids=[a, b])
    labels = {r["uid"]: r["label"] for r in rows}
    for uid in (a, b):
        if uid not in labels:
            raise EditError(f"no record with uid {uid!r}")
        if labels[uid] != "Person":
            raise EditError(f"{uid!r} is a {labels[uid]}, not a Person")
    first, second = sorted((a, b))
    return first, second


def _republish(stores: Stores, a: str, b: str, actor: str, reason: str):
    return republish_stores(stores, [a, b], actor=actor, reason=reason)


def judge(stores: Stores, a: str, b: str, verdict: str, actor: str, note: str | None = None) -> Result:
    """Record ``verdict`` on the pair (replacing any earlier one) and republish it."""
    if verdict not in choices("verdict"):
        raise EditError(f"verdict: {verdict!r} is not one of {', '.join(choices('verdict'))}")
    if not actor or not actor.strip():
        raise EditError("by: say who judges")
    first, second = _check(stores, a, b)
    at = datetime.now(UTC).isoformat(timespec="seconds")

    def tx_fn(tx):
        rows = queries.run_in(tx, "resolution/merge_judgement", a=first, b=second, verdict=verdict,
                              by=actor, at=at, note=note)
        previous = rows[0]["previous"] if rows else []
        audit.append_in(tx, actor, "resolution.judge", first, other=second, verdict=verdict,
                        note=note, replaced=previous)
        return previous

    with stores.vault.session(database=stores.database("vault")) as session:
        previous = session.execute_write(tx_fn)
    report = _republish(stores, first, second, actor, "judgement")
    was = f" (was {previous[0]['verdict']})" if previous else ""
    return Result(f"judged {first} and {second}: {verdict}{was}", report)


def retract(stores: Stores, a: str, b: str, actor: str, note: str | None = None) -> Result:
    """Remove the pair's judgement (the audit log keeps it) and republish the pair."""
    first, second = _check(stores, a, b)

    def tx_fn(tx):
        rows = queries.run_in(tx, "resolution/delete_judgement", a=first, b=second)
        if not rows:
            raise EditError(f"{first} and {second} have no judgement to retract")
        audit.append_in(tx, actor, "resolution.retract", first, other=second, note=note,
                        retracted=rows[0]["previous"])

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(tx_fn)
    report = _republish(stores, first, second, actor, "judgement retracted")
    return Result(f"retracted the judgement of {first} and {second}", report)


def judgements(vault: Driver, database: str = "neo4j") -> list[dict]:
    """Every judgement in the vault."""
    return queries.run(vault, "resolution/stream_judgements", database=database)
