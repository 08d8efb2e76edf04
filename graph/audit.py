"""Append-only, hash-chained audit log in the vault.

Each entry's hash covers its sequence number, time, actor, action, subject,
details and the previous entry's hash; the ``AuditHead`` node holds the last
sequence number and hash. Editing, removing or reordering any entry breaks the
chain, and :func:`verify` names the first entry where it breaks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import Driver, ManagedTransaction

from graph import queries


def entry_hash(seq: int, at: str, actor: str, action: str, subject: str | None, details: str,
               prev_hash: str) -> str:
    canonical = json.dumps([seq, at, actor, action, subject, details, prev_hash],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_in(tx: ManagedTransaction, actor: str, action: str, subject: str | None = None,
              **details) -> int:
    """Append an entry inside the caller's transaction (so the change and its audit
    entry commit together). Returns its sequence number."""
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    text = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
    row = queries.run_in(tx, "audit/append_entry", at=at, actor=actor, action=action,
                         subject=subject, details=text)[0]
    digest = entry_hash(row["seq"], at, actor, action, subject, text, row["prev_hash"])
    queries.run_in(tx, "audit/set_entry_hash", id=row["id"], head_id=row["head_id"], hash=digest)
    return row["seq"]


def append(driver: Driver, actor: str, action: str, subject: str | None = None,
           database: str = "neo4j", **details) -> int:
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: append_in(tx, actor, action, subject, **details))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    problem: str | None = None
    seq: int | None = None
    #: ``import.started`` entries with no ``import.finished`` or ``import.failed`` after
    #: them, as ``(seq, subject)``: imports cut short (a crash), or still running. A later
    #: import of the same input (same sha256) that finishes completes them: imports are
    #: idempotent, so it wrote all the earlier one meant to.
    unfinished_imports: tuple[tuple[int, str | None], ...] = ()


#: The entries that close an ``import.started`` (their details name it as ``started``).
IMPORT_ENDS = ("import.finished", "import.failed")


def entries(driver: Driver, database: str = "neo4j") -> Iterator[dict]:
    with driver.session(database=database) as session:
        yield from (r.data() for r in session.run(queries.text("audit/stream_entries")))


def verify(driver: Driver, database: str = "neo4j") -> VerifyResult:
    """Recompute the chain; the first entry that does not fit is named. Also lists the
    imports that started but never finished (the chain can be intact around them)."""
    prev_hash, expected_seq, count = "", 1, 0
    open_imports: dict[int, tuple[str | None, str | None]] = {}  # seq -> subject, sha256
    for e in entries(driver, database):
        count += 1
        if e["seq"] != expected_seq:
            return VerifyResult(False, count, f"entry {expected_seq} is missing or out of order "
                                f"(found {e['seq']})", expected_seq)
        if e["prev_hash"] != prev_hash:
            return VerifyResult(False, count, f"entry {e['seq']} does not follow entry "
                                f"{e['seq'] - 1} (an entry was removed, edited or reordered)", e["seq"])
        digest = entry_hash(e["seq"], e["at"], e["actor"], e["action"], e["subject"],
                            e["details"], e["prev_hash"])
        if digest != e["hash"]:
            return VerifyResult(False, count, f"entry {e['seq']} was altered (hash mismatch)", e["seq"])
        prev_hash, expected_seq = e["hash"], expected_seq + 1
        if e["action"] == "import.started":
            open_imports[e["seq"]] = (e["subject"], json.loads(e["details"]).get("sha256"))
        elif e["action"] in IMPORT_ENDS:
            details = json.loads(e["details"])
            open_imports.pop(details.get("started"), None)
            if e["action"] == "import.finished" and details.get("sha256"):
                for seq in [s for s, (_, sha) in open_imports.items() if sha == details["sha256"]]:
                    del open_imports[seq]
    head = queries.run(driver, "audit/match_head", database=database)[0]
    if (head["seq"] or 0) != expected_seq - 1 or (head["hash"] or "") != prev_hash:
        return VerifyResult(False, count, f"the log ends at entry {expected_seq - 1} but its head "
                            f"says {head['seq']}: entries were removed from the end", expected_seq)
    return VerifyResult(True, count, unfinished_imports=tuple(
        (seq, subject) for seq, (subject, _) in sorted(open_imports.items())))
