"""Vault documents: upload (editors), read, search and fetch their files (vault readers).

Thin views over ``service.vault.documents``, which applies the organisation walls (a
Confidential document of another organisation is a 404 everywhere, as a missing uid) and
writes the chain of custody: every read of a non-public document's fields, text, thumbnail
or pages is a ``document.view`` audit entry and every download of its file a
``document.download`` (of an original always: it is never public), written before the
answer. Files are streamed with HTTP range requests (``service.filestream``).

An upload is ``multipart/form-data`` (the file in a part named ``file``, the fields as
form fields, ``about`` repeated): 202 with the new document, processing ``pending`` (the
worker of ``footprints serve``, or ``footprints documents process``, reads it). It may be
as large as the file store's limit (``FOOTPRINTS_MAX_UPLOAD``; ``service.uploads`` lifts
the API's 1 MB body limit for it alone): larger is a 413.
"""

from __future__ import annotations

from flask import request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from flask_smorest.fields import Upload
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.exceptions import RequestEntityTooLarge

from documents.ingest import TooLargeUpload
from graph.vocabularies import choices
from service import filestream, uploads
from service.api.vault_common import caller, http_errors, no_store
from service.auth import VAULT_READERS, require_role
from service.vault import documents
from service.vault.badges import STATES
from service.vault.browse import BadQuery

blp = Blueprint("vault-documents", __name__, url_prefix="/api/v1/vault",
                description="Vault documents: upload (editors), read, search and files "
                            "(vault readers; audited)")
no_store(blp)
uploads.allow("vault-documents.Documents")

UID = validate.Length(min=1, max=200)


def _vocab(name: str, **kw) -> fields.String:
    return fields.String(validate=validate.OneOf(choices(name)), **kw)


class DocumentUploadSchema(Schema):
    """The form of an upload: the file and what the uploader says about it (the rest is
    read from the file). Checked again, field by field, by the ingest's own schema."""

    file = Upload(required=True, metadata={"description": "The file (type detected from its "
                                                          "content, never its name)"})
    kind = _vocab("document_kind", required=True)
    terms_of_use = _vocab("terms_of_use", required=True)
    source = fields.String(required=True, validate=UID,
                           metadata={"description": "uid of the Source it belongs to"})
    title_en = fields.String(validate=validate.Length(max=2000))
    title_ko = fields.String(validate=validate.Length(max=2000))
    date = fields.Date()
    language = _vocab("document_language")
    about = fields.List(fields.String(validate=UID), validate=validate.Length(max=100),
                        metadata={"description": "uids of the records it is about (repeat the "
                                                 "field for each)"})


class LinkedRecordSchema(Schema):
    uid = fields.String(required=True)
    type = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    label = fields.String()
    visibility = fields.String(metadata={"description": "The record's badge"})


class PublicCopySchema(Schema):
    sha256 = fields.String()
    size = fields.Integer(allow_none=True)
    media_type = fields.String(allow_none=True)


class PageTextSchema(Schema):
    page = fields.Integer(required=True)
    text = fields.String(required=True)


class ExplanationSchema(Schema):
    decision = fields.String(allow_none=True)
    current_label = fields.String(allow_none=True)
    reasons = fields.List(fields.String())
    review_status = fields.String(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_on = fields.String(allow_none=True)


class DocumentSchema(Schema):
    uid = fields.String(required=True)
    type = fields.String(required=True)
    consent_label = fields.String(required=True)
    visibility = fields.String(required=True, metadata={"description": "The badge: public, "
                                                                      "restricted, confidential, "
                                                                      "pending_review, ..."})
    writable = fields.Boolean(metadata={"description": "Whether your organisation owns it (its "
                                                       "editors change it)"})
    kind = fields.String(allow_none=True)
    title_en = fields.String(allow_none=True)
    title_ko = fields.String(allow_none=True)
    date = fields.String(allow_none=True)
    language = fields.String(allow_none=True)
    terms_of_use = fields.String(allow_none=True)
    submitted_by = fields.String(allow_none=True)
    submitted_on = fields.String(allow_none=True)
    submitted_by_user = fields.String(allow_none=True, metadata={
        "description": "Who uploaded it (shown to the owning organisation only)"})
    filename = fields.String(allow_none=True)
    media_type = fields.String(allow_none=True)
    size = fields.Integer(allow_none=True)
    sha256 = fields.String(allow_none=True)
    pages = fields.Integer(allow_none=True)
    duration = fields.Integer(allow_none=True)
    processing = fields.String(allow_none=True, metadata={"description": "pending, done or "
                                                                        "failed"})
    processing_error = fields.String(allow_none=True, metadata={
        "description": "Why processing failed (shown to the owning organisation only)"})
    review_status = fields.String(allow_none=True)
    public_copy = fields.Nested(PublicCopySchema, allow_none=True)
    thumbnail = fields.Boolean()
    source = fields.Nested(LinkedRecordSchema, allow_none=True)
    about = fields.List(fields.Nested(LinkedRecordSchema))
    withheld = fields.Integer(metadata={"description": "Linked records not shown to you"})
    text = fields.List(fields.Nested(PageTextSchema))
    explanation = fields.Nested(ExplanationSchema, metadata={"description": "Why (not) public"})


class DocumentListArgs(Schema):
    kind = fields.List(_vocab("document_kind"))
    visibility = fields.List(fields.String(validate=validate.OneOf(STATES)))
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, documents.MAX_PER_PAGE))


class DocumentSearchArgs(DocumentListArgs):
    q = fields.String(required=True, validate=validate.Length(min=1, max=200))


class HitSchema(Schema):
    page = fields.Integer()
    before = fields.String()
    match = fields.String()
    after = fields.String()


class DocumentHitSchema(Schema):
    uid = fields.String(required=True)
    label = fields.String()
    title_en = fields.String(allow_none=True)
    title_ko = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    date = fields.String(allow_none=True)
    media_type = fields.String(allow_none=True)
    pages = fields.Integer(allow_none=True)
    processing = fields.String(allow_none=True)
    consent_label = fields.String()
    visibility = fields.String()
    thumbnail = fields.Boolean()
    hit = fields.Nested(HitSchema, allow_none=True, metadata={
        "description": "Where the words were found: the page and a snippet around them"})
    score = fields.Float()


class FacetValueSchema(Schema):
    key = fields.String()
    count = fields.Integer()


class DocumentHitsSchema(Schema):
    query = fields.String()
    total = fields.Integer()
    more = fields.Boolean(metadata={"description": "More documents matched than were read"})
    page = fields.Integer()
    per_page = fields.Integer()
    items = fields.List(fields.Nested(DocumentHitSchema))
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueSchema)))


class RequeuedSchema(Schema):
    uid = fields.String(required=True)
    processing = fields.String(required=True)
    was = fields.String(metadata={"description": "Its processing status before"})


UPLOAD_DOC = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": DocumentUploadSchema}}},
    "responses": {"413": {"description": "The file is larger than the file store's limit"},
                  "415": {"description": "The body is not multipart/form-data"}}}


def _binary(what: str, ranges: bool = True) -> dict:
    content = {"*/*": {"schema": {"type": "string", "format": "binary"}}}
    responses = {"200": {"description": what, "content": content},
                 "404": {"description": "No such document for you, or no such file (yet)"}}
    if ranges:
        responses["206"] = {"description": "The byte range asked for (Range: bytes=first-last)",
                            "content": content}
        responses["416"] = {"description": "A malformed Range, or one outside the file"}
    return {"responses": responses}


def read_upload(form, files) -> tuple[dict, dict[str, list[str]]]:
    """An upload's fields and ``file`` from a multipart form, checked by the form's schema:
    ``(data, {})``, or ``({}, errors)`` naming each field and its reasons. Shared with the
    workspace's upload form (``service.workspace.documents``)."""
    raw = {k: form.get(k) for k in DocumentUploadSchema().fields
           if k not in ("about", "file") and form.get(k)}
    raw["about"] = [a.strip() for a in form.getlist("about") if a.strip()]
    if files.get("file") is not None and files["file"].filename != "":
        raw["file"] = files["file"]
    try:
        return DocumentUploadSchema().load(raw), {}
    except ValidationError as exc:
        return {}, {k: v if isinstance(v, list) else [str(v)] for k, v in exc.messages.items()}


def to_upload(data: dict, file) -> documents.Upload:
    """What the form says, as the ingest takes it."""
    return documents.Upload(**{**{k: v for k, v in data.items() if k != "file"},
                               "about": data.get("about") or []}, filename=file.filename)


def _form() -> tuple[dict, object]:
    """The upload's fields and file; 415, 413 or 422 (naming each field)."""
    if request.mimetype != "multipart/form-data":
        abort(415, message="this endpoint takes multipart/form-data: the file in a part named "
                           "'file', the other fields as form fields",
              errors={"headers": {"Content-Type": ["must be multipart/form-data"]}})
    try:
        data, errors = read_upload(request.form, request.files)
    except RequestEntityTooLarge:
        _too_large()
    if errors:
        abort(422, errors=errors)
    return data, data["file"]


def _too_large() -> None:
    limit = uploads.max_upload()
    reason = f"larger than the limit of {limit:,} bytes"
    abort(413, message=f"file: {reason}", errors={"file": [reason]})


@blp.route("/documents")
class Documents(MethodView):
    @require_role(*VAULT_READERS)
    @blp.arguments(DocumentListArgs, location="query")
    @blp.response(200, DocumentHitsSchema)
    def get(self, args: dict):
        """Every document you may see, newest first, filtered by kind and visibility."""
        return _find(None, args)

    @require_role("editor")
    @blp.doc(**UPLOAD_DOC)
    @blp.response(202, DocumentSchema)
    def post(self):
        """Upload a document (multipart/form-data): kept byte for byte, processed by the
        worker (202: processing is pending). Refused files keep nothing."""
        stores, user = caller()
        data, file = _form()
        given = to_upload(data, file)
        try:
            with http_errors():
                view = documents.upload(stores, user, file.stream, given)
        except TooLargeUpload:
            _too_large()
        except documents.IngestError as exc:
            abort(422, message=f"invalid input: {exc}", errors=exc.errors)
        return view, 202, {"Location": url_for("vault-documents.Document", uid=view["uid"])}


@blp.route("/documents/search")
class Search(MethodView):
    @require_role(*VAULT_READERS)
    @blp.arguments(DocumentSearchArgs, location="query")
    @blp.response(200, DocumentHitsSchema)
    def get(self, args: dict):
        """Full-text search over the titles and page text of the documents you may see:
        each hit with the page the words were found on and a snippet (audited)."""
        return _find(args["q"], args)


def _find(text: str | None, args: dict) -> dict:
    stores, user = caller()
    filters = {k: args[k] for k in documents.FILTERS if args.get(k)}
    try:
        return documents.find(stores, user, text, filters, args["page"], args["per_page"])
    except BadQuery as exc:
        abort(422, message=f"{exc.field}: {exc}", errors={exc.field: [str(exc)]})


@blp.route("/documents/<string:uid>")
class Document(MethodView):
    @require_role(*VAULT_READERS)
    @blp.response(200, DocumentSchema)
    def get(self, uid: str):
        """One document: its fields, links, processing, badge, the text of each page and
        why it is (not) public (audited unless public)."""
        stores, user = caller()
        with http_errors():
            return documents.document(stores, user, uid)


@blp.route("/documents/<string:uid>/process")
class Process(MethodView):
    @require_role("editor")
    @blp.response(202, RequeuedSchema)
    def post(self, uid: str):
        """Process a waiting or failed document now: back in the queue, the worker woken
        (409 when it is processed already)."""
        stores, user = caller()
        with http_errors():
            return documents.process_now(stores, user, uid)


def _send(uid: str, which: str):
    stores, user = caller()
    try:
        with http_errors():
            found = documents.stored_file(stores, user, uid, which,
                                          range_header=request.headers.get("Range"))
    except documents.NoFile:
        abort(404, message=f"this document has no {which.replace('-', ' ')} (yet)")
    return filestream.send(stores.files.originals, found.sha256, found.media_type,
                           request.headers.get("Range"), cache_control="no-store",
                           disposition=filestream.disposition(
                               found.filename if which == "original" else None))


@blp.route("/documents/<string:uid>/file")
class File(MethodView):
    @require_role(*VAULT_READERS)
    @blp.doc(**_binary("The original file, byte for byte"))
    def get(self, uid: str):
        """The original file, as uploaded (every download audited)."""
        return _send(uid, "original")


@blp.route("/documents/<string:uid>/public-copy")
class PublicCopy(MethodView):
    @require_role(*VAULT_READERS)
    @blp.doc(**_binary("The public copy: the file without its metadata"))
    def get(self, uid: str):
        """The public copy made by processing (the file without identifying metadata)."""
        return _send(uid, "public-copy")


@blp.route("/documents/<string:uid>/thumbnail")
class Thumbnail(MethodView):
    @require_role(*VAULT_READERS)
    @blp.doc(**_binary("A JPEG thumbnail of the original", ranges=False))
    def get(self, uid: str):
        """A thumbnail of the original (first page, picture or frame); none for sound."""
        return _send(uid, "thumbnail")


@blp.route("/documents/<string:uid>/pages/<string:number>.png")
class Page(MethodView):
    @require_role(*VAULT_READERS)
    @blp.doc(**_binary("The page as a PNG", ranges=False))
    def get(self, uid: str, number: str):
        """One page of a PDF document as an image (audited unless public)."""
        stores, user = caller()
        page = filestream.page_number(number)
        try:
            if page is None:
                raise documents.NoFile(number)
            with http_errors():
                found = documents.page(stores, user, uid, page)
        except documents.NoFile:
            abort(404, message="this document has no such page")
        return filestream.page_response("originals", found.sha256, page, "no-store")
