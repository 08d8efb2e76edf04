"""Lists and details of public records, one pair of routes per kind:
``/api/v1/<kind>`` and ``/api/v1/<kind>/<uid>`` (service/public/entities.py).

The routes are generated from ``entities.KINDS`` so every kind gets its own
documented filters, validated against the vocabularies.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from graph.vocabularies import choices
from service.api.public_schemas import LangArgs, NodeSchema, PageArgs, RelationshipSchema
from service.public import entities

blp = Blueprint("entities", __name__, url_prefix="/api/v1",
                description="Public records: victims, officials, perpetrator bodies, locations, "
                            "events, proceedings, instruments, resources, sources, organisations")

YEAR = validate.Range(min=1000, max=2100)


class EntityListSchema(Schema):
    kind = fields.String(required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    items = fields.List(fields.Nested(NodeSchema), required=True)


class RelatedSchema(Schema):
    relationship = fields.Nested(RelationshipSchema, required=True)
    node = fields.Nested(NodeSchema, required=True, metadata={"description": "The other end"})


class RelationshipGroupSchema(Schema):
    type = fields.String(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(("in", "out")))
    total = fields.Integer(required=True, metadata={"description": "All of them; items holds "
                                                                   f"at most {entities.PER_GROUP}"})
    items = fields.List(fields.Nested(RelatedSchema), required=True)


class EntitySchema(NodeSchema):
    kind = fields.String(required=True)
    provenance = fields.Dict(keys=fields.String(), metadata={
        "description": "Why a person is public: cleared_consent_on, cleared_by_family, "
                       "cleared_sources"})
    relationships = fields.List(fields.Nested(RelationshipGroupSchema), required=True)
    sources = fields.List(fields.Nested(NodeSchema), metadata={
        "description": "Public sources cited by the record or its relationships"})
    proceedings = fields.List(fields.Nested(NodeSchema))


def _args_schema(kind: str, spec: entities.Kind) -> type[Schema]:
    attrs: dict = {
        name: fields.List(fields.String(validate=validate.OneOf(choices(vocabulary))),
                          validate=validate.Length(max=50),
                          metadata={"description": f"Vocabulary `{vocabulary}`; repeat for any "
                                                   "of several"})
        for name, vocabulary in spec.filters.items()
    }
    if spec.years:
        attrs["year_from"] = fields.Integer(validate=YEAR, metadata={"description": "Year from"})
        attrs["year_to"] = fields.Integer(validate=YEAR, metadata={"description": "Year to"})
    if spec.within:
        attrs["within"] = fields.String(validate=validate.Length(min=1, max=200), metadata={
            "description": "uid of a location: only places WITHIN it"})
    name = "".join(part.title() for part in kind.split("_"))
    return type(f"{name}ListArgs", (LangArgs, PageArgs), attrs)


def _register(kind: str, spec: entities.Kind) -> None:
    args_schema = _args_schema(kind, spec)
    singular = kind.removesuffix("s")

    class ListView(MethodView):
        @blp.arguments(args_schema, location="query", unknown=None)
        @blp.response(200, EntityListSchema)
        def get(self, args):
            lang, page, per_page = args.pop("lang"), args.pop("page"), args.pop("per_page")
            extra = {k: args.pop(k) for k in ("year_from", "year_to", "within") if k in args}
            return entities.list_entities(kind, args, page, per_page, lang, **extra)

    class DetailView(MethodView):
        @blp.arguments(LangArgs, location="query", unknown=None)
        @blp.response(200, EntitySchema)
        def get(self, args, uid: str):
            found = entities.get_entity(kind, uid, args["lang"])
            if found is None:
                abort(404, message=f"no public {singular} with uid {uid!r}")
            return found

    ListView.get.__doc__ = (f"List public {kind}.\n\nSorted by name; filters combine with AND.")
    DetailView.get.__doc__ = (f"One public {singular}.\n\nWith its relationships grouped by "
                              "type and direction, its public sources, proceedings and "
                              "provenance.")
    ListView.__name__ = f"{kind.title()}List"
    DetailView.__name__ = f"{kind.title()}Detail"
    blp.route(f"/{kind}", endpoint=f"{kind}_list")(ListView)
    blp.route(f"/{kind}/<string:uid>", endpoint=f"{kind}_detail")(DetailView)


for _kind, _spec in entities.KINDS.items():
    _register(_kind, _spec)
