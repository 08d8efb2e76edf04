"""Documents in the vault, for its readers and editors: upload, read, search, and the files.

The same walls as every vault record (``service.vault.visibility``): a document is owned
by the organisation that submitted it (``submitted_by``); a Confidential one is for that
organisation's users only, and to anyone else it is not there (``NotVisible``: 404), in
lists and searches as by uid. What a reader is told passes the vault readers' free-text
gate (``service.vault.text``), the text of each page included.

**Chain of custody.** Reading a document that is not Public (its fields and text, a
thumbnail, a page) is a ``document.view`` audit entry, and fetching its file a
``document.download``, written before anything is sent. An original is never public (it
keeps the metadata its public copy drops), so every download of an original is audited,
whatever the document's label. Upload and processing write their own entries
(``documents.ingest``, ``documents.process``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, BinaryIO

from documents.ingest import IngestError, Upload, ingest
from documents.snippets import hit
from graph import audit, queries
from graph.connections import Stores
from graph.consent import editor
from graph.vocabularies import choices
from service.public.lucene import to_query, words
from service.vault.accounts import User
from service.vault.badges import STATES, BadgeFacts, visibility_state
from service.vault.browse import BadQuery, check_text, describe, labelled
from service.vault.edits import Conflict, Forbidden
from service.vault.reads import NotVisible, audit_reads, explain_visible, jsonable, require_visible
from service.vault.text import withhold
from service.vault.visibility import Access, may_see, may_write, refusal, visible

__all__ = ["IngestError", "Upload"]

#: Hits read per search or list: facets and pages are made from these (the answer says
#: when there were more, so that the reader narrows the search).
MAX_SCAN = 1000
MAX_PER_PAGE = 100
#: Documents listed on a record's page.
MAX_ON_RECORD = 50
#: The filters of the documents list, and the values each takes.
KINDS = tuple(choices("document_kind"))
FILTERS = {"kind": KINDS, "visibility": STATES}
#: A document's files by the name the routes give them: the property holding the hash,
#: the one holding the media type (a thumbnail is always a JPEG), and the audit action.
FILES = {
    "original": ("sha256", "media_type", "document.download"),
    "public-copy": ("public_sha256", "public_media_type", "document.download"),
    "thumbnail": ("thumb_sha256", None, "document.view"),
}
PDF = "application/pdf"
#: Fields shown to every reader who may see the document, as stored.
SHOWN = ("kind", "title_en", "title_ko", "date", "language", "terms_of_use", "submitted_by",
         "submitted_on", "filename", "media_type", "size", "sha256", "pages", "duration",
         "processing", "review_status")
#: Fields only the owning organisation is shown: who of its users uploaded the file, and
#: what processing said when it failed (it may name the server's temporary paths).
OWN_ONLY = ("submitted_by_user", "processing_error")


@dataclass(frozen=True)
class StoredFile:
    """What a request for one of a document's files gets: the hash in the originals area
    (the vault keeps every file there, derived ones included), its media type and the name
    the file was uploaded with."""

    sha256: str
    media_type: str
    filename: str | None = None


class NoFile(LookupError):
    """The document has no such file (yet): no thumbnail for a sound, no public copy before
    processing, no page beyond its last. A 404 for a document the caller may see."""


def _access(row: dict) -> Access:
    return Access.from_row(row["uid"], row["labels"], "Document", row["props"].get("submitted_by"))


def _require_document(stores: Stores, user: User, uid: str) -> tuple[Access, dict]:
    """The document's access facts and its row; :class:`NotVisible` for a uid that is not a
    document the user may see (the same answer as for one that does not exist)."""
    access = require_visible(stores, user, uid)
    if access.label != "Document":
        raise NotVisible(uid)
    rows = queries.run(stores.vault, "vault/match_document", database=stores.database("vault"),
                       uid=uid)
    if not rows:
        raise NotVisible(uid)
    return access, rows[0]


def _audit(stores: Stores, user: User, action: str, uid: str, access: Access, **details) -> None:
    audit.append(stores.vault, user.email, action, uid, database=stores.database("vault"),
                 label=access.consent_label, role=user.role,
                 **{k: v for k, v in details.items() if v is not None})


# -- upload and processing ---------------------------------------------------------------

def upload(stores: Stores, user: User, stream: BinaryIO, given: Upload) -> dict:
    """Keep the file and write its Document for the user's organisation (``documents.ingest``:
    its source and the records it is about must be ones the user may see and link);
    returns the new document as :func:`document` shows it. Raises ``IngestError``."""
    if user.organization is None:
        raise IngestError("source", "your account belongs to no organisation")
    props = ingest(stores, stream, given, organization=user.organization, actor=user.email,
                   user=user)
    # Not audited as a view: the ingest entry already says who gave it, and they sent it.
    return document(stores, user, props["uid"], via="upload", audited=False)


def process_now(stores: Stores, user: User, uid: str) -> dict:
    """Put a waiting or failed document back in the queue and wake the worker (the worker
    of ``footprints serve``; elsewhere ``footprints documents process`` takes it). Editors of
    the owning organisation only (:class:`Forbidden`); :class:`Conflict` when it is
    processed already."""
    access, _row = _require_document(stores, user, uid)
    if not may_write(user, access):
        raise Forbidden("uid", refusal(access))

    def tx_fn(tx):
        rows = queries.run_in(tx, "documents/requeue_document", uid=uid)
        if not rows:
            return None
        audit.append_in(tx, user.email, "document.requeue", uid, was=rows[0]["was"])
        return rows[0]["was"]

    with stores.vault.session(database=stores.database("vault")) as session:
        was = session.execute_write(tx_fn)
    if was is None:
        raise Conflict(f"{uid!r} is processed already")
    stores.documents_queued()
    return {"uid": uid, "processing": "pending", "was": was}


# -- reading ----------------------------------------------------------------------------

def document(stores: Stores, user: User, uid: str, via: str = "api", lang: str = "en",
             audited: bool = True) -> dict:
    """A document as a vault reader sees it: its fields, processing status, badge, the
    source and the records it is about that the user may see (the others counted in
    ``withheld``), the text of each page, and why it is (not) public."""
    access, row = _require_document(stores, user, uid)
    props = jsonable(row["props"])
    own = user.organization is not None and user.organization in access.owners
    seen = visible(stores, user, [*row["sources"], *row["about"]])
    items = describe(stores, user, seen, lang)
    sources = [items[u] for u in row["sources"] if u in items]
    about = [items[u] for u in row["about"] if u in items]
    state = visibility_state(BadgeFacts.from_row(row))
    explanation = explain_visible(stores, user, editor.explain(stores, uid))
    out: dict[str, Any] = {
        "uid": uid, "type": "Document", "consent_label": access.consent_label,
        "visibility": state, "writable": may_write(user, access),
        **{k: props.get(k) for k in SHOWN},
        **{k: (props.get(k) if own else None) for k in OWN_ONLY},
        "public_copy": {"sha256": props["public_sha256"], "size": props.get("public_size"),
                        "media_type": props.get("public_media_type")}
        if props.get("public_sha256") else None,
        "thumbnail": bool(props.get("thumb_sha256")),
        "source": sources[0] if sources else None,
        "about": about,
        "withheld": len(set(row["sources"]) | set(row["about"])) - len(seen),
        "text": [{"page": n, "text": t} for n, t in enumerate(props.get("text_pages") or [],
                                                               start=1)],
        "explanation": {k: explanation.get(k) for k in ("decision", "current_label", "reasons",
                                                       "review_status", "reviewed_by",
                                                       "reviewed_on")},
    }
    if audited:
        if access.audited:
            _audit(stores, user, "document.view", uid, access, via=via)
        audit_reads(stores, user, seen.values(), via=f"document/{uid}")
    return withhold(stores, user, out, uid)[0]


def stored_file(stores: Stores, user: User, uid: str, which: str, via: str = "api",
                range_header: str | None = None) -> StoredFile:
    """One of the document's files (``FILES``), after writing its audit entry. Raises
    :class:`NotVisible` (no such document for the user) or :class:`NoFile`."""
    if which not in FILES:
        raise NoFile(which)
    access, row = _require_document(stores, user, uid)
    hash_field, type_field, action = FILES[which]
    props = row["props"]
    sha = props.get(hash_field)
    if not sha or not stores.files.originals.exists(sha):
        raise NoFile(which)
    if which == "original" or access.audited:
        _audit(stores, user, action, uid, access, file=which, via=via,
               range=(range_header or "")[:100] or None)
    media = props.get(type_field) if type_field else "image/jpeg"
    return StoredFile(sha, media or "application/octet-stream", props.get("filename"))


def page(stores: Stores, user: User, uid: str, number: int, via: str = "api") -> StoredFile:
    """The original PDF of a document whose page ``number`` (1-based) the user asks to see,
    after writing its audit entry; :class:`NoFile` for a document that is no PDF or has no
    such page."""
    access, row = _require_document(stores, user, uid)
    props = row["props"]
    sha = props.get("sha256")
    if props.get("media_type") != PDF or not sha or not 1 <= number <= (props.get("pages") or 0):
        raise NoFile(f"page {number}")
    if access.audited:
        _audit(stores, user, "document.view", uid, access, file="page", page=number, via=via)
    return StoredFile(sha, PDF, props.get("filename"))


# -- finding documents -------------------------------------------------------------------

def _check_filters(filters: dict[str, list[str]] | None) -> dict[str, list[str]]:
    filters = {k: list(v) for k, v in (filters or {}).items() if v}
    for name, values in filters.items():
        if name not in FILTERS:
            raise BadQuery(name, "no such filter")
        wrong = [v for v in values if v not in FILTERS[name]]
        if wrong:
            raise BadQuery(name, f"{wrong[0]!r} is not one of {', '.join(FILTERS[name])}")
    return filters


def find(stores: Stores, user: User, text: str | None = None,
         filters: dict[str, list[str]] | None = None, page_number: int = 1, per_page: int = 20,
         lang: str = "en", via: str = "api") -> dict:
    """The documents the user may see, newest first, or with ``text`` those whose title or
    page text match it, best first (each hit with the page the words were found on and a
    snippet of it); filtered by ``kind`` and ``visibility`` (the badge), with the counts of
    each value over every document read (at most ``MAX_SCAN``: ``more`` says there were
    more). ``{"query", "total", "more", "page", "per_page", "items", "facets"}``."""
    text = check_text(text)
    filters = _check_filters(filters)
    page_number, per_page = max(page_number, 1), min(max(per_page, 1), MAX_PER_PAGE)
    out: dict[str, Any] = {"query": text, "total": 0, "more": False, "page": page_number,
                           "per_page": per_page, "items": [],
                           "facets": {name: [] for name in FILTERS}}
    lucene = to_query(text) if text else None
    if text and lucene is None:
        return out  # nothing searchable (punctuation only): no hit, rather than everything
    params = {"organization": user.organization, "limit": MAX_SCAN + 1}
    rows = queries.run(stores.vault, "vault/search_documents" if lucene else "vault/list_documents",
                       database=stores.database("vault"),
                       **({"lucene": lucene} if lucene else {}), **params)
    out["more"] = len(rows) > MAX_SCAN
    found = []
    for row in rows[:MAX_SCAN]:
        access = _access(row)
        if not may_see(user, access):  # the query filtered already; this is a second lock
            continue
        state = visibility_state(BadgeFacts.from_row(row))
        found.append({**row, "access": access, "state": state,
                      "facets": {"kind": row["props"].get("kind"), "visibility": state}})
    hits = [r for r in found if all(r["facets"][f] in v for f, v in filters.items())]
    counts = {f: Counter(r["facets"][f] for r in hits) for f in FILTERS}
    out["facets"] = {f: [{"key": k, "count": counts[f][k]} for k in FILTERS[f] if counts[f][k]]
                     for f in FILTERS}
    out["total"] = len(hits)
    start = (page_number - 1) * per_page
    shown = hits[start:start + per_page]
    snippets = _snippets(stores, user, [r["uid"] for r in shown], text) if text else {}
    labels = {i["uid"]: i["label"] for i in labelled(stores, user, shown, lang)}
    for row in shown:
        props = jsonable(row["props"])
        out["items"].append({
            "uid": row["uid"], "label": labels[row["uid"]], "title_en": props.get("title_en"),
            "title_ko": props.get("title_ko"), "kind": props.get("kind"),
            "date": props.get("date"), "media_type": props.get("media_type"),
            "pages": props.get("pages"), "processing": props.get("processing"),
            "consent_label": row["access"].consent_label, "visibility": row["state"],
            "thumbnail": row["thumbnail"], "hit": snippets.get(row["uid"]),
            "score": round(row["score"], 4)})
    # A snippet is the document's text: a text search shows it, a list only titles.
    if text:
        for row in shown:
            if row["access"].audited:
                _audit(stores, user, "document.view", row["uid"], row["access"],
                       via=f"{via}/search")
    else:
        audit_reads(stores, user, [r["access"] for r in shown], via=f"{via}/documents")
    return withhold(stores, user, out)[0]


def _snippets(stores: Stores, user: User, uids: list[str], text: str) -> dict[str, dict | None]:
    """Where ``text`` was found in each document: its page and a snippet, read from the
    page texts after the free-text gate (a page that names someone the user may not see is
    withheld whole, so no snippet comes from it)."""
    if not uids:
        return {}
    rows = queries.run(stores.vault, "vault/match_document_pages",
                       database=stores.database("vault"), uids=uids)
    pages = {r["uid"]: {"uid": r["uid"], "pages": [{"page": n, "text": t} for n, t in
                                                   enumerate(r["pages"], start=1)]}
             for r in rows}
    gated = withhold(stores, user, list(pages.values()))[0]
    searched = words(text)
    return {doc["uid"]: hit([p["text"] for p in doc["pages"]], searched) for doc in gated}


def record_documents(stores: Stores, user: User, uid: str, lang: str = "en") -> list[dict]:
    """The documents about a record (or from a source) that the user may see, for the
    record's page: ``{uid, label, kind, media_type, date, processing, visibility,
    thumbnail, access}`` each, titles gated. Not audited here: the record page audits what
    it shows (each ``access``) with the rest of the page, one entry per record."""
    rows = queries.run(stores.vault, "vault/list_record_documents",
                       database=stores.database("vault"), uid=uid, limit=MAX_ON_RECORD)
    shown = []
    for row in rows:
        access = _access(row)
        if may_see(user, access):
            shown.append({**row, "access": access,
                          "state": visibility_state(BadgeFacts.from_row(row))})
    labels = {i["uid"]: i["label"] for i in labelled(stores, user, shown, lang)}
    return [{"uid": r["uid"], "label": labels[r["uid"]], "kind": r["props"].get("kind"),
             "media_type": r["props"].get("media_type"), "date": jsonable(r["props"].get("date")),
             "processing": r["props"].get("processing"), "visibility": r["state"],
             "thumbnail": r["thumbnail"], "access": r["access"]} for r in shown]
