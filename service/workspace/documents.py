"""Documents in the workspace: the list with a search over their text, the upload form
(editors), each document's page with its viewer, and the files the viewer shows.

Thin views over ``service.vault.documents`` (organisation walls, the free-text gate and the
chain of custody: every view of a non-public document's text, thumbnail or page, and every
download of its file, is an audit entry). The files are served here, from the session, and
not by the JSON API's routes: an ``<img>``, ``<video>`` or ``<audio>`` element cannot send
the API's token or CSRF header, and the session cookie (``SameSite=Strict``) does not
travel with another site's requests. The upload form is checked by the JSON API's own
schema and goes through the same ingest.
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import format_number
from flask_babel import gettext as _

from documents.ingest import IngestError, TooLargeUpload
from documents.media.kinds import family_of
from graph.model import MODEL
from graph.vocabularies import label as vocab_label
from service import filestream, uploads
from service.api.documents import read_upload, to_upload
from service.auth import VAULT_READERS, granted
from service.stores import vault
from service.vault import documents
from service.vault.browse import BadQuery
from service.vault.edits import Conflict, Forbidden
from service.vault.reads import NotVisible
from service.workspace.blueprint import blp
from service.workspace.browse import badge_text
from service.workspace.guard import require, user
from service.workspace.record_page import vocabulary

PER_PAGE = 20
MAX_PAGE = 10_000
#: Inputs for "about" on the upload form: the ones given, and this many more empty.
ABOUT_INPUTS = 3
#: The form's fields, in its order.
FIELDS = ("file", "title_en", "title_ko", "kind", "date", "language", "terms_of_use", "source",
          "about")
#: The fields a document's page lists, labelled with the model's words.
SHOWN = ("kind", "date", "language", "terms_of_use", "submitted_by", "filename", "pages",
         "duration", "sha256")
uploads.allow("workspace.upload_document")


def _number(value: str | None, default: int = 1, most: int = MAX_PAGE) -> int:
    try:
        return min(max(int(value or default), 1), most)
    except ValueError:
        return default


# -- the list and the search ---------------------------------------------------------------

@blp.route("/workspace/documents")
@require(*VAULT_READERS)
def documents_list():
    q = request.args.get("q", "")
    filters = {f: [v for v in request.args.getlist(f) if v][:20] for f in documents.FILTERS}
    filters = {f: v for f, v in filters.items() if v}
    page = _number(request.args.get("page"))
    try:
        result = documents.find(vault(), user(), q, filters, page, PER_PAGE, g.lang,
                                via="workspace")
    except BadQuery as exc:
        return render_template("workspace/documents.html", q=q[:200], result=None, error=exc,
                               filters={}, facets=[], pager=None), 400
    return render_template("workspace/documents.html", q=q, result=result, error=None,
                           filters=filters, facets=_facets(result, filters),
                           pager=_pager(q, filters, result),
                           may_upload="editor" in granted(user().role))


def _facets(result: dict, filters: dict) -> list[dict]:
    titles = {"kind": _("Kind"), "visibility": _("Visibility")}
    groups = []
    for name in documents.FILTERS:
        chosen = set(filters.get(name, []))
        values = [{"key": v["key"], "count": v["count"], "checked": v["key"] in chosen,
                   "label": vocab_label("document_kind", v["key"], g.lang) if name == "kind"
                   else badge_text(v["key"])} for v in result["facets"][name]]
        if values or chosen:
            groups.append({"name": name, "title": titles[name], "values": values})
    return groups


def _pager(q: str, filters: dict, result: dict) -> dict:
    last = max(1, -(-result["total"] // result["per_page"]))

    def at(n: int) -> str:
        return url_for("workspace.documents_list", q=q or None, page=n if n > 1 else None,
                       **filters)

    page = result["page"]
    return {"page": page, "last": last, "prev": at(page - 1) if page > 1 else None,
            "next": at(page + 1) if page < last else None}


# -- upload ------------------------------------------------------------------------------

def _upload_page(values: dict, errors: dict, status: int = 200):
    about = list(values.get("about") or [])
    return render_template(
        "workspace/document_upload.html", values=values, errors=errors,
        about_inputs=about + [""] * ABOUT_INPUTS, kinds=vocabulary("document_kind"),
        languages=vocabulary("document_language"), terms=vocabulary("terms_of_use"),
        limit=format_number(uploads.max_upload()), labels=_labels(),
        other_errors={k: v for k, v in errors.items() if k not in FIELDS}), status


def _labels(names: tuple[str, ...] = FIELDS) -> dict[str, str]:
    """Field labels: the model's words for a document's fields."""
    return {name: MODEL.field_label(name, g.lang, "Document") for name in names}


@blp.route("/workspace/documents/new")
@require("editor")
def new_document():
    return _upload_page({"source": request.args.get("source", "")[:200],
                         "about": [a[:200] for a in request.args.getlist("about")][:20]}, {})


@blp.route("/workspace/documents/new", methods=["POST"])
@require("editor")
def upload_document():
    form = request.form
    values = {k: (form.get(k) or "")[:2000] for k in FIELDS if k not in ("file", "about")}
    values["about"] = [a.strip()[:200] for a in form.getlist("about") if a.strip()][:100]
    data, errors = read_upload(form, request.files)
    if errors:
        return _upload_page(values, errors, 422)
    file = data["file"]
    try:
        made = documents.upload(vault(), user(), file.stream, to_upload(data, file))
    except TooLargeUpload as exc:
        return _upload_page(values, exc.errors, 413)
    except IngestError as exc:
        return _upload_page(values, exc.errors, 422)
    return redirect(url_for("workspace.document_page", uid=made["uid"], done="uploaded"), 303)


# -- a document's page -------------------------------------------------------------------

@blp.route("/workspace/documents/<string:uid>")
@require(*VAULT_READERS)
def document_page(uid: str):
    stores, me = vault(), user()
    if len(uid) > 200:
        abort(404)
    try:
        doc = documents.document(stores, me, uid, via="workspace", lang=g.lang)
    except NotVisible:
        abort(404)
    family = family_of(doc["media_type"])
    pages = doc["pages"] or len(doc["text"])
    page = _number(request.args.get("page"), most=max(pages or 1, 1))
    texts = {t["page"]: t["text"] for t in doc["text"]}
    editor = "editor" in granted(me.role) and doc["writable"]
    return render_template(
        "workspace/document.html", doc=doc, family=family, page=page, pages=pages,
        page_text=texts.get(page), labels=_labels(SHOWN),
        kind=vocab_label("document_kind", doc["kind"], g.lang),
        processing=vocab_label("processing_status", doc["processing"], g.lang)
        if doc["processing"] else None,
        may_process=editor and doc["processing"] in ("pending", "failed"), may_edit=editor,
        done=request.args.get("done"))


@blp.route("/workspace/documents/<string:uid>/process", methods=["POST"])
@require("editor")
def process_document(uid: str):
    try:
        documents.process_now(vault(), user(), uid)
    except NotVisible:
        abort(404)
    except Forbidden:
        abort(403, description=_("This document belongs to another organisation: only its "
                                 "editors change it."))
    except Conflict:
        return redirect(url_for("workspace.document_page", uid=uid, done="processed"), 303)
    return redirect(url_for("workspace.document_page", uid=uid, done="queued"), 303)


# -- its files ---------------------------------------------------------------------------

def _send(uid: str, which: str):
    stores = vault()
    try:
        found = documents.stored_file(stores, user(), uid, which, via="workspace",
                                      range_header=request.headers.get("Range"))
    except (NotVisible, documents.NoFile):
        abort(404)
    return filestream.send(stores.files.originals, found.sha256, found.media_type,
                           request.headers.get("Range"), cache_control="no-store",
                           disposition=filestream.disposition(
                               found.filename if which == "original" else None))


@blp.route("/workspace/documents/<string:uid>/file")
@require(*VAULT_READERS)
def document_file(uid: str):
    return _send(uid, "original")


@blp.route("/workspace/documents/<string:uid>/public-copy")
@require(*VAULT_READERS)
def document_public_copy(uid: str):
    return _send(uid, "public-copy")


@blp.route("/workspace/documents/<string:uid>/thumbnail")
@require(*VAULT_READERS)
def document_thumbnail(uid: str):
    return _send(uid, "thumbnail")


@blp.route("/workspace/documents/<string:uid>/pages/<string:number>.png")
@require(*VAULT_READERS)
def document_page_image(uid: str, number: str):
    page = filestream.page_number(number)
    if page is None:
        abort(404)
    try:
        found = documents.page(vault(), user(), uid, page, via="workspace")
    except (NotVisible, documents.NoFile):
        abort(404)
    return filestream.page_response("originals", found.sha256, page, "no-store")
