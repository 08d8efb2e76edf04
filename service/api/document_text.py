"""``/api/v1/document-text``: search the text of public documents (service/public/documents.py).

A document's record (titles, kind, date, its public copy's hash) is at
``/api/v1/documents/<uid>``, its files at ``/files/<sha256>``; this endpoint finds documents
by the words in their titles and pages, and says on which page and around what."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from service.api.public_schemas import LangArgs, NodeSchema, PageArgs
from service.public import documents

blp = Blueprint("document-text", __name__, url_prefix="/api/v1/document-text",
                description="Search the text of public documents (letters, photos' captions, "
                            "filings...): each hit with its page and a snippet")


class DocumentTextArgs(LangArgs, PageArgs):
    q = fields.String(required=True, validate=validate.Length(min=1, max=200),
                      metadata={"description": "Words of the text, in Hangul or English; "
                                               "query syntax characters are ignored"})


class PublicTextHitSchema(Schema):
    page = fields.Integer(required=True, metadata={"description": "The page, from 1"})
    before = fields.String(required=True)
    match = fields.String(required=True, metadata={"description": "The words found"})
    after = fields.String(required=True)


class PublicDocumentHitSchema(Schema):
    node = fields.Nested(NodeSchema, required=True)
    hit = fields.Nested(PublicTextHitSchema, allow_none=True,
                        metadata={"description": "Where the words are; null when only the "
                                                 "title matched"})


class PublicDocumentTextSchema(Schema):
    query = fields.String(required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    items = fields.List(fields.Nested(PublicDocumentHitSchema), required=True)


@blp.route("")
class DocumentText(MethodView):
    @blp.arguments(DocumentTextArgs, location="query")
    @blp.response(200, PublicDocumentTextSchema)
    def get(self, args):
        """Public documents whose title or text hold the words."""
        return documents.search_text(args["q"], page=args["page"], per_page=args["per_page"],
                                     lang=args["lang"])
