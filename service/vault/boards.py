"""Case boards: an investigation's saved set of pinned records and notes, private to the
organisation that made it.

A board belongs to an organisation, not to a person: its users share it, and another
organisation's users are answered as if it did not exist (``BoardNotFound``), whatever
their role. A pin names a record the pinning user may see; when the board is read,
pins are checked again for the reader (a record that became confidential to someone
else's organisation is left out and counted) and notes pass the free-text gate. Every
change appends an audit entry in the same transaction as the change.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from graph import audit, queries
from graph.connections import Stores
from graph.messages import N_, Message
from service.vault.accounts import User
from service.vault.badges import labels_and_states
from service.vault.browse import labelled
from service.vault.reads import audit_reads
from service.vault.text import withhold
from service.vault.visibility import visible

MAX_TITLE = 200
MAX_NOTE = 5000
MAX_PIN_NOTE = 1000


class BoardNotFound(LookupError):
    """No board of the user's organisation with that uid."""


class BoardError(ValueError):
    """Input to correct: ``field`` names it, ``reason`` (a :mod:`graph.messages` message)
    says why."""

    def __init__(self, field: str, reason: Message):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def _text(value: object, field: str, limit: int, required: bool = True) -> str | None:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BoardError(field, N_("must be text"))
    text = " ".join(value.split()) if field != "text" else value.strip()
    if not text:
        if required:
            raise BoardError(field, N_("must not be empty"))
        return None
    if len(text) > limit:
        raise BoardError(field, N_("must be at most %(count)s characters", count=limit))
    return text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _organization(user: User) -> str:
    if user.organization is None:  # every vault reader has one; a board needs one
        raise BoardNotFound("no organisation")
    return user.organization


def _write(stores: Stores, fn):
    with stores.vault.session(database=stores.database("vault")) as session:
        return session.execute_write(fn)


def list_boards(stores: Stores, user: User) -> list[dict]:
    rows = queries.run(stores.vault, "boards/list_boards", database=stores.database("vault"),
                       organization=_organization(user))
    return withhold(stores, user, [dict(r) for r in rows])[0]


def create_board(stores: Stores, user: User, title: object,
                 investigation: object = None) -> str:
    """A new board of the user's organisation; its uid."""
    title = _text(title, "title", MAX_TITLE)
    investigation = _text(investigation, "investigation", MAX_TITLE, required=False)
    uid = f"board-{secrets.token_hex(8)}"

    def tx_fn(tx):
        queries.run_in(tx, "boards/create_board", uid=uid, organization=_organization(user),
                       title=title, investigation=investigation, actor=user.email, at=_now())
        audit.append_in(tx, user.email, "board.create", uid, organization=user.organization)

    _write(stores, tx_fn)
    return uid


def read_board(stores: Stores, user: User, uid: str, lang: str = "en") -> dict:
    """The board with its pins (each with the record's label, kind and badge) and notes;
    ``withheld`` counts pins of records the reader may not see."""
    rows = queries.run(stores.vault, "boards/match_board", database=stores.database("vault"),
                       uid=uid, organization=_organization(user))
    if not rows:
        raise BoardNotFound(uid)
    row = rows[0]
    pins = sorted(row["pins"], key=lambda p: (p["pinned_at"] or "", p["record"]))
    seen = visible(stores, user, [p["record"] for p in pins])
    summaries = {r["uid"]: r["summary"] for r in queries.run(
        stores.vault, "vault/match_summaries", database=stores.database("vault"),
        uids=sorted(seen))}
    facts = labels_and_states(stores, seen)
    items = {i["uid"]: i for i in labelled(stores, user, [
        {"uid": u, "labels": facts[u][0], "props": summaries.get(u, {}), "state": facts[u][1]}
        for u in seen if u in facts], lang)}
    shown = [{**p, "item": items[p["record"]]} for p in pins if p["record"] in items]
    audit_reads(stores, user, [seen[p["record"]] for p in shown], via=f"board/{uid}")
    notes = sorted(row["notes"], key=lambda n: (n["written_at"] or "", n["uid"]))
    board = {"board": row["board"], "pins": [{k: v for k, v in p.items() if k != "item"}
                                             for p in shown],
             "notes": notes, "withheld": len(pins) - len(shown)}
    board = withhold(stores, user, board, uid)[0]
    for pin, item in zip(board["pins"], shown, strict=True):
        pin["item"] = item["item"]
    return board


def pin(stores: Stores, user: User, uid: str, record: object, note: object = None) -> None:
    """Pin a record the user may see (a record they may not see is refused exactly like
    one that does not exist)."""
    organization = _organization(user)
    record = _text(record, "record", 200)
    note = _text(note, "note", MAX_PIN_NOTE, required=False)
    if record not in visible(stores, user, [record]):
        raise BoardError("record", N_("no record you may see has this uid"))

    def tx_fn(tx):
        done = queries.run_in(tx, "boards/merge_pin", uid=uid, organization=organization,
                              record=record, note=note, actor=user.email, at=_now())
        if not done:
            raise BoardNotFound(uid)
        audit.append_in(tx, user.email, "board.pin", uid, record=record)

    _write(stores, tx_fn)


def unpin(stores: Stores, user: User, uid: str, record: str) -> None:
    organization = _organization(user)

    def tx_fn(tx):
        if not queries.run_in(tx, "boards/match_board", uid=uid, organization=organization):
            raise BoardNotFound(uid)
        removed = queries.run_in(tx, "boards/delete_pin", uid=uid, organization=organization,
                                 record=record, at=_now())[0]["removed"]
        if removed:
            audit.append_in(tx, user.email, "board.unpin", uid, record=record)
        return removed

    if not _write(stores, tx_fn):
        raise BoardError("record", N_("this record is not pinned to the board"))


def add_note(stores: Stores, user: User, uid: str, text: object) -> None:
    organization = _organization(user)
    text = _text(text, "text", MAX_NOTE)

    def tx_fn(tx):
        note_uid = f"note-{secrets.token_hex(8)}"
        done = queries.run_in(tx, "boards/create_note", uid=uid, organization=organization,
                              note_uid=note_uid, text=text, actor=user.email, at=_now())
        if not done:
            raise BoardNotFound(uid)
        audit.append_in(tx, user.email, "board.note", uid, note=note_uid)

    _write(stores, tx_fn)
