"""``/api/v1/find`` (one search over every public record type) and ``/api/v1/suggest``
(type-ahead), from service/public/find.py; and the answer every graph tool gives when a
name it was given fits several records (:class:`AmbiguousSchema`, HTTP 300)."""

from __future__ import annotations

from flask import jsonify, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graph.model import MODEL
from service.api.public_schemas import LangArgs, PageArgs, ScoredNodeSchema
from service.public import find

blp = Blueprint("find", __name__, url_prefix="/api/v1",
                description="Find any public record by name (English, Hangul, romanised "
                            "spellings): one search over every type, and type-ahead suggestions")

KIND = validate.OneOf(find.KINDS)
Q = fields.String(required=True, validate=validate.Length(min=1, max=200), metadata={
    "description": "A name, spelling, reference or title, in English, Hangul or a "
                   "romanisation; query syntax characters are ignored"})


class PartSchema(Schema):
    text = fields.String(required=True)
    mark = fields.Boolean(required=True, metadata={"description": "Part of what matched"})


class MatchSchema(Schema):
    field = fields.String(required=True, metadata={
        "description": "The public property that matched (name_en, name_ko, name_variants, "
                       "reference, title, title_en, title_ko, summary_en, summary_ko)"})
    text = fields.String(required=True, metadata={"description": "Its text (one spelling)"})
    parts = fields.List(fields.Nested(PartSchema), required=True, metadata={
        "description": "The text in runs, the matching ones marked (a long text is cut "
                       "around the first mark, with …)"})
    via = fields.String(allow_none=True, metadata={
        "description": "The romanised spelling of a Korean word that matched, if that is how"})


class FoundSchema(ScoredNodeSchema):
    kind = fields.String(required=True, metadata={"description": "One of " + ", ".join(find.KINDS)})
    matched = fields.Nested(MatchSchema, allow_none=True, metadata={
        "description": "Why it matched (null: the index matched a form not shown)"})


class CountSchema(Schema):
    kind = fields.String(required=True)
    count = fields.Integer(required=True)


class GroupSchema(Schema):
    kind = fields.String(required=True)
    total = fields.Integer(required=True)
    items = fields.List(fields.Nested(FoundSchema), required=True)


class FindArgs(LangArgs, PageArgs):
    q = Q
    kind = fields.String(validate=KIND, metadata={
        "description": "Only this kind, one page of it (the counts of every kind remain)"})


class FindResultSchema(Schema):
    query = fields.String(allow_none=True, metadata={
        "description": "The full-text query the keyword became (null: nothing searchable)"})
    total = fields.Integer(required=True)
    kind = fields.String(allow_none=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    counts = fields.List(fields.Nested(CountSchema), required=True,
                         metadata={"description": "Hits per kind, every kind with one"})
    groups = fields.List(fields.Nested(GroupSchema), required=True, metadata={
        "description": f"Without kind: the best {find.PER_KIND} of each kind; with it: one "
                       "page of that kind"})


class SuggestArgs(LangArgs):
    q = Q
    kind = fields.List(fields.String(validate=KIND), validate=validate.Length(max=len(find.KINDS)),
                       metadata={"description": "Only these kinds (repeat the parameter)"})
    limit = fields.Integer(load_default=find.SUGGEST_LIMIT,
                           validate=validate.Range(1, find.MAX_SUGGEST))


class SuggestionSchema(Schema):
    uid = fields.String(required=True)
    kind = fields.String(required=True)
    kind_label = fields.String(required=True, metadata={"description": "In the language asked"})
    label = fields.String(required=True, metadata={"description": "The record's name"})
    url = fields.String(required=True, metadata={"description": "Its profile page"})
    matched = fields.Nested(MatchSchema, allow_none=True)


class AmbiguousSchema(Schema):
    """A graph tool's answer when a name given for a record fits several public records."""

    code = fields.Integer(required=True, metadata={"description": "300"})
    status = fields.String(required=True)
    message = fields.String(required=True)
    candidates = fields.Dict(keys=fields.String(), values=fields.List(
        fields.Nested(SuggestionSchema)), required=True, metadata={
        "description": "Per ambiguous parameter, the records it may mean: ask again with "
                       "one's uid"})


def kind_label(kind: str, lang: str) -> str:
    return MODEL.kind_label(find.KIND_TYPES[kind], lang)


def suggestion(item: dict, lang: str) -> dict:
    """A :func:`service.public.find.hit` or suggestion as the API and pages list it."""
    return {"uid": item["uid"], "kind": item["kind"], "kind_label": kind_label(item["kind"], lang),
            "label": item.get("label") or item["caption"],
            "url": url_for("pages.profile", kind=item["kind"], uid=item["uid"]),
            "matched": item["matched"]}


def ambiguous(candidates: dict[str, list[dict]], lang: str):
    """The HTTP 300 answer listing, per parameter, the records a name may mean."""
    body = {"code": 300, "status": "Multiple Choices",
            "message": "several public records have this name: choose one by its uid",
            "candidates": {param: [suggestion(i, lang) for i in items]
                           for param, items in candidates.items()}}
    response = jsonify(AmbiguousSchema().dump(body))
    response.status_code = 300
    return response


@blp.route("/find")
class Find(MethodView):
    @blp.arguments(FindArgs, location="query", unknown=None)
    @blp.response(200, FindResultSchema)
    def get(self, args):
        """Search every kind of public record by name, grouped by kind, each hit with why it
        matched."""
        return find.find(args["q"], args.get("kind"), args["page"], args["per_page"],
                         args["lang"])


@blp.route("/suggest")
class Suggest(MethodView):
    @blp.arguments(SuggestArgs, location="query", unknown=None)
    @blp.response(200, SuggestionSchema(many=True))
    def get(self, args):
        """Type-ahead: a few public records for what was typed so far (from 2 characters)."""
        kinds = tuple(sorted(set(args["kind"]))) if args.get("kind") else None
        found = find.suggest(args["q"], kinds, args["limit"], args["lang"])
        return [suggestion(item, args["lang"]) for item in found]
