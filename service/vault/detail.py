"""One vault record as the workspace's record page shows it: the record, its badge, its
relationships with the records at their other end that the user may see, the documents
about it, and why it is (or is not) public.

Related records the user may not see are left out and only counted (as the dossier
does); every non-public record shown is audited in one entry per record, before the page
is built; the whole answer passes the free-text gate.
"""

from __future__ import annotations

from graph import queries
from graph.connections import Stores
from graph.consent import editor
from service.vault.accounts import User
from service.vault.badges import BadgeFacts, states_of, visibility_state
from service.vault.browse import describe
from service.vault.documents import record_documents
from service.vault.reads import audit_reads, explain_visible, jsonable, read_record, require_visible
from service.vault.text import withhold
from service.vault.visibility import visible

#: Relationships read for one page (a place can have thousands: the page says when cut).
MAX_RELATIONSHIPS = 500


def record_detail(stores: Stores, user: User, uid: str, lang: str = "en") -> dict:
    """``{"view", "state", "relationships", "withheld", "truncated", "explanation",
    "documents"}`` (the documents about the record, or from a source, for thumbnails);
    raises ``service.vault.reads.NotVisible`` for a record the user may not see."""
    access = require_visible(stores, user, uid)
    view = read_record(stores, user, uid, audited=False)
    rows = queries.run(stores.vault, "vault/match_record_relationships",
                       database=stores.database("vault"), uid=uid, limit=MAX_RELATIONSHIPS + 1)
    truncated = len(rows) > MAX_RELATIONSHIPS
    rows = rows[:MAX_RELATIONSHIPS]
    seen = visible(stores, user, [r["other"] for r in rows])
    others = describe(stores, user, seen, lang)
    relationships = []
    for row in rows:
        other = others.get(row["other"])
        if other is None:
            continue
        props = dict(row["props"])
        if props.get("sources") is not None:
            props["sources"] = [s for s in props["sources"] if s in seen or s == uid]
        relationships.append({"type": row["type"],
                              "direction": "out" if row["outgoing"] else "in",
                              "props": jsonable(props), "other": other})
    relationships = withhold(stores, user, relationships, uid)[0]
    documents = record_documents(stores, user, uid, lang)
    audit_reads(stores, user, [access, *(seen[u] for u in others),
                               *(d.pop("access") for d in documents)], via=f"workspace/{uid}")
    explanation = explain_visible(stores, user, editor.explain(stores, uid))
    state = states_of(stores, [uid]).get(uid)
    return {"view": view, "state": state or visibility_state(BadgeFacts((access.consent_label,))),
            "relationships": relationships, "withheld": len(rows) - len(relationships),
            "truncated": truncated, "explanation": explanation, "documents": documents}
