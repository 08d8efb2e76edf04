"""Marshmallow schemas of the interchange records (docs/interchange.md), derived from the
model's one definition (``graph/model``).

One schema per record type, built from the type's fields: every value from a
vocabulary is checked against it, lengths and ranges by the field's type. Unknown
fields are an error, so nothing is dropped without a word. The checks a record type
asks for by name (``rules`` in its YAML) are the ``validates_schema`` methods below.
Every message a schema gives is a :mod:`graph.messages` message (loaders/messages.py):
marshmallow's English, said in the page's language on a workspace form.
"""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from graph.messages import N_
from graph.model import MODEL, Field, RecordType
from graph.vocabularies import choices
from loaders.messages import translatable

TEXT_MAX, NAME_MAX, UID_MAX, URL_MAX = 20_000, 500, 200, 2000
YEARS = (1800, 2100)


def vocab(name: str, **kw) -> fields.String:
    return fields.String(validate=validate.OneOf(choices(name)), **kw)


def uid(**kw) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=UID_MAX), **kw)


def text(**kw) -> fields.String:
    return fields.String(validate=validate.Length(max=TEXT_MAX), allow_none=True, **kw)


def schema_fields(spec: Field) -> dict[str, fields.Field]:
    """The interchange fields of one field of the model (a point is two: lat and lon)."""
    req = {"required": True} if spec.required else {}
    kind = spec.type
    if kind == "text":
        return {spec.name: text(**req)}
    if kind == "name":
        return {spec.name: fields.String(validate=validate.Length(min=1, max=NAME_MAX), **req)}
    if kind == "uid":
        return {spec.name: uid(**req)}
    if kind == "url":
        return {spec.name: fields.String(validate=validate.Length(max=URL_MAX), allow_none=True,
                                         **req)}
    if kind == "vocabulary":
        return {spec.name: vocab(spec.vocabulary, **req)}
    if kind == "vocabularies":
        at_least = {"validate": validate.Length(min=1)} if spec.required else {}
        return {spec.name: fields.List(vocab(spec.vocabulary), **req, **at_least)}
    if kind == "strings":
        return {spec.name: fields.List(fields.String(validate=validate.Length(min=1,
                                                                              max=NAME_MAX)),
                                       **req)}
    if kind == "year":
        return {spec.name: fields.Integer(validate=validate.Range(*YEARS), allow_none=True,
                                          **req)}
    if kind == "count":
        return {spec.name: fields.Integer(validate=validate.Range(min=0), allow_none=True, **req)}
    if kind == "pages":
        return {spec.name: fields.List(fields.String(), **req)}
    if kind == "date":
        return {spec.name: fields.Date(allow_none=not spec.required, **req)}
    if kind == "boolean":
        return {spec.name: fields.Boolean(**req)}
    if kind == "point":
        return {"lat": fields.Float(validate=validate.Range(-90, 90), allow_none=True),
                "lon": fields.Float(validate=validate.Range(-180, 180), allow_none=True)}
    raise ValueError(f"no schema field for type {kind!r}")


class Base(Schema):
    class Meta:
        unknown = RAISE

    record = fields.String(required=True)


class Rules:
    """The checks record types ask for by name (``rules:`` in their YAML). Each runs only on
    the schemas of the types that ask for it."""

    @staticmethod
    def has_a_name(data: dict) -> None:
        if not (data.get("name_en") or data.get("name_ko") or data.get("name_variants")):
            raise ValidationError(N_("a person needs name_en, name_ko or a name variant"),
                                  "name_en")

    @staticmethod
    def both_coordinates(data: dict) -> None:
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ValidationError(N_("lat and lon go together"), "lat")

    @staticmethod
    def dates_in_order(data: dict) -> None:
        start, end = data.get("date_start"), data.get("date_end")
        if start and end and end < start:
            raise ValidationError(N_("date_end is before date_start"), "date_end")

    @staticmethod
    def partner_for_sharing(data: dict) -> None:
        if data.get("purpose") == "partner_sharing" and not data.get("partner"):
            raise ValidationError(N_("partner_sharing consent names its partner"), "partner")


def _rule(check: Callable[[dict], None]):
    @validates_schema
    def run(self, data, **kwargs):
        check(data)

    return run


def record_schema(rtype: RecordType) -> type[Base]:
    """The interchange schema of a record type."""
    attrs: dict = {}
    for spec in rtype.fields.values():
        if spec.interchange:
            attrs.update(schema_fields(spec))
    for name in rtype.rules:
        attrs[name] = _rule(getattr(Rules, name))
    return translatable(type(f"{rtype.name}Record", (Base,), attrs))


NODE_SCHEMAS: dict[str, type[Base]] = {name: record_schema(rtype)
                                       for name, rtype in MODEL.records.items()}

#: Relationship type -> (allowed start labels, allowed end labels, is a fact), for the
#: types the interchange format carries.
REL_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    rel.name: (rel.starts or tuple(NODE_SCHEMAS), rel.ends or tuple(NODE_SCHEMAS), rel.fact)
    for rel in MODEL.relationships.values() if rel.interchange
}

REL_PROPS: dict[str, fields.Field] = {
    name: field for spec in MODEL.properties.values() for name, field in schema_fields(spec).items()
}

RelPropsRecord = translatable(type("RelPropsRecord", (Schema,), {
    "Meta": type("Meta", (), {"unknown": RAISE}),
    **{name: field for spec in MODEL.properties.values()
       for name, field in schema_fields(spec).items()},
}))


@translatable
class RelRecord(Schema):
    class Meta:
        unknown = RAISE

    record = fields.String(required=True, validate=validate.Equal("rel"))
    type = fields.String(required=True, validate=validate.OneOf(tuple(REL_TYPES)))
    key = fields.String(validate=validate.Length(max=UID_MAX), load_default="")
    sources = fields.List(uid(), load_default=list)
    props = fields.Nested(RelPropsRecord, load_default=dict)
    synthetic = fields.Boolean()

    # "from" is a Python keyword: map it by data_key.
    start = uid(required=True, data_key="from")
    end = uid(required=True, data_key="to")

    @validates_schema
    def required_properties(self, data, **kwargs):
        """A relative's relation, a judgement's verdict (the model's ``carries``)."""
        rel = MODEL.relationships.get(data.get("type"))
        for name in rel.required_properties if rel else ():
            if not data.get("props", {}).get(name):
                raise ValidationError(N_("%(type)s needs props.%(name)s", type=rel.name,
                                         name=name), f"props.{name}")


RECORD_TYPES = (*NODE_SCHEMAS, "rel")
