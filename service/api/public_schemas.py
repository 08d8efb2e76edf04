"""Marshmallow schemas shared by the public blueprints: the one node / relationship
shape of every graph answer, pagination and language arguments.

Dumping through these schemas is also a last filter: only the declared fields
of a service function's answer reach the response body.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from graph.vocabularies import choices

LANGS = ("en", "ko")


class StrictArgs(Schema):
    """Query arguments: an unknown argument is a 422 naming it, not silently ignored."""

    class Meta:
        unknown = RAISE


def vocabulary_list(vocabulary: str, what: str) -> fields.List:
    """A repeatable query argument of a vocabulary's keys (any of several), as the search's
    and the map's filters take them."""
    return fields.List(fields.String(validate=validate.OneOf(choices(vocabulary))),
                       validate=validate.Length(max=50),
                       metadata={"description": f"{what} (vocabulary `{vocabulary}`); repeat "
                                                "the parameter for any of several"})


class LangArgs(StrictArgs):
    lang = fields.String(load_default="en", validate=validate.OneOf(LANGS),
                         metadata={"description": "Language of labels and captions"})


MAX_PER_PAGE = 100


class PageArgs(StrictArgs):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000),
                          metadata={"description": "Page number, from 1"})
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE),
                              metadata={"description": f"Items per page (at most {MAX_PER_PAGE})"})


class PlainDict(fields.Dict):
    """Properties that service/public/shape.py already made JSON-ready (string keys, plain
    values): copied whole rather than walked key by key, which cost more than the query
    on a 150-node neighbourhood. Documented as an object like any Dict."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else dict(value)


class NodeSchema(Schema):
    uid = fields.String(required=True)
    labels = fields.List(fields.String(), required=True,
                         metadata={"description": "Domain labels, e.g. Person, Victim"})
    caption = fields.String(required=True, metadata={"description": "A short display name"})
    properties = PlainDict(keys=fields.String(), required=True,
                           metadata={"description": "Public properties; dates as ISO strings, "
                                                    "coords as {lat, lon}"})


class RelationshipSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    from_ = fields.String(data_key="from", attribute="from", required=True,
                          metadata={"description": "uid of the start node"})
    to = fields.String(required=True, metadata={"description": "uid of the end node"})
    properties = PlainDict(keys=fields.String(), required=True)


class GraphSchema(Schema):
    """The one shape of every graph answer."""

    nodes = fields.List(fields.Nested(NodeSchema), required=True)
    relationships = fields.List(fields.Nested(RelationshipSchema), required=True)


class ScoredNodeSchema(NodeSchema):
    score = fields.Float(metadata={"description": "Full-text relevance (0 without a keyword)"})


class BucketSchema(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True, metadata={"description": "In the requested language"})
    count = fields.Integer(required=True, allow_none=True,
                           metadata={"description": "null when suppressed (held figures only: "
                                                   "not necessarily a small cell)"})
