"""The audit log over HTTP, for admins: verify its hash chain, list its latest entries.

``footprints audit verify`` (graph.audit.verify) is the same check; here it answers
with the result instead of an exit status, so that monitoring can call it. A broken
chain is a finding, not an error: the answer is 200 with ``ok: false`` and the first
entry that does not fit. Listing shows what the log holds (actors, actions, subject
uids and the details written with them), never the records themselves, and only
an organisation's own part of the log: entries made by its users, or about its
users or the records it owns (``cypher/vault/match_audit_entries.cypher``).
Verifying covers the whole chain, and answers with counts and hashes only.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from graph import audit, queries
from graph.connections import Stores


def verify_chain(stores: Stores) -> dict:
    """Recompute the chain from the first entry; name the first one that does not fit."""
    started = datetime.now(UTC)
    found = audit.verify(stores.vault, stores.database("vault"))
    head = queries.run(stores.vault, "audit/match_head", database=stores.database("vault"))[0]
    return {"ok": found.ok, "entries": found.entries, "problem": found.problem,
            "seq": found.seq, "head_seq": head["seq"] or 0, "head_hash": head["hash"] or None,
            "checked_at": started.isoformat(timespec="seconds"),
            "unfinished_imports": [{"seq": seq, "file": subject}
                                   for seq, subject in found.unfinished_imports]}


def _details(text: str | None) -> dict | str | None:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:  # a tampered entry may hold anything: show it as it is
        return text


def latest_entries(stores: Stores, organization: str, page: int = 1, per_page: int = 50,
                   action: str | None = None) -> dict:
    """A page of ``organization``'s audit entries, newest first, with their total."""
    db = stores.database("vault")
    counted = queries.run(stores.vault, "vault/count_audit_entries", database=db, action=action,
                          organization=organization)[0]
    rows = queries.run(stores.vault, "vault/match_audit_entries", database=db, action=action,
                       organization=organization, skip=(page - 1) * per_page, limit=per_page)
    items = [{**row, "details": _details(row["details"])} for row in rows]
    return {"total": counted["total"], "page": page, "per_page": per_page,
            "head_seq": counted["head_seq"] or 0, "items": items}
