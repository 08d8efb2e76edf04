"""What an editor needs to decide on publication: the review queue, why a record is (not)
public, and an exact preview of what the public graph would hold of it.

The preview is publication's own projection and free-text gate run on one record
(``graph.publication.preview``), never a copy of their rules. What the editor reads of
it passes the vault readers' gate (``service.vault.text``) like every other answer, and
the persons a withheld field names are shown only if the editor may see them.
"""

from __future__ import annotations

from typing import Any

from graph import encryption, queries
from graph.connections import Stores
from graph.consent import editor
from graph.publication import preview as project_preview
from service.vault.accounts import User
from service.vault.reads import NotVisible, audit_reads, explain_visible, jsonable, require_visible
from service.vault.text import review_list, withhold
from service.vault.visibility import SHARED, may_write, visible

#: At most this many records are listed in the review queue at once (oldest uids first).
QUEUE_LIMIT = 200


def review_queue(stores: Stores, user: User) -> list[dict]:
    """Records pending review that ``user`` may approve, each with what names it."""
    if user.organization is None:
        return []
    rows = queries.run(stores.vault, "vault/match_review_queue", database=stores.database("vault"),
                       organization=user.organization, shared=sorted(SHARED), limit=QUEUE_LIMIT)
    found = visible(stores, user, [r["uid"] for r in rows])
    mine = {uid: a for uid, a in found.items() if may_write(user, a)}
    summaries = queries.run(stores.vault, "vault/match_summaries",
                            database=stores.database("vault"), uids=sorted(mine))
    names = {r["uid"]: {k: v for k, v in jsonable(
        encryption.opened_names(r["uid"], r["summary"])).items() if v is not None}
             for r in summaries}
    out = [{"uid": uid, "type": a.label, "consent_label": a.consent_label, **names.get(uid, {})}
           for uid, a in sorted(mine.items())]
    return withhold(stores, user, out)[0]


def withheld_texts(stores: Stores, user: User) -> list[dict]:
    """The free-text gate's review list as ``user`` may read it."""
    return review_list(stores, user)


def preview(stores: Stores, user: User, uid: str) -> dict[str, Any]:
    """Why the record is (not) public, and what the public graph would hold of it if it
    were cleared. :class:`NotVisible` for a record ``user`` may not see. Audited as the
    explanation is (``via="preview"``)."""
    access = require_visible(stores, user, uid)
    audit_reads(stores, user, [access], via="preview")
    try:
        explanation = explain_visible(stores, user, editor.explain(stores, uid))
    except editor.EditError as exc:
        raise NotVisible(uid) from exc
    projected = project_preview(stores.vault, stores.database("vault"), uid)
    shown: dict[str, Any] = {"explanation": explanation, "writable": may_write(user, access),
                             "type": access.label, "node": None, "relationships": [],
                             "withheld": []}
    if projected is None:
        return shown
    people = visible(stores, user, [p for f in projected.withheld for p in f["persons"]])
    withheld = []
    for finding in projected.withheld:
        persons = [p for p in finding["persons"] if p in people]
        others = len(finding["persons"]) - len(persons)
        withheld.append({"record": finding["record"], "field": finding["field"],
                         "persons": persons, "persons_not_shown": others})
    shown.update(node=jsonable(projected.node), relationships=jsonable(projected.relationships),
                 withheld=withheld)
    return withhold(stores, user, shown, uid)[0]
