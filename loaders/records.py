"""Marshmallow schemas of the interchange records (docs/interchange.md).

One schema per record type. Every value from a vocabulary is checked against
``graph/vocabularies.py``. Unknown fields are an error, so nothing is dropped
without a word.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from graph.vocabularies import choices


def vocab(name: str, **kw) -> fields.String:
    return fields.String(validate=validate.OneOf(choices(name)), **kw)


def uid(**kw) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=200), **kw)


def text(**kw) -> fields.String:
    return fields.String(validate=validate.Length(max=20_000), allow_none=True, **kw)


def year() -> fields.Integer:
    return fields.Integer(validate=validate.Range(1800, 2100), allow_none=True)


class Base(Schema):
    class Meta:
        unknown = RAISE

    record = fields.String(required=True)
    uid = uid(required=True)
    synthetic = fields.Boolean()


class Reviewed(Schema):
    """An editor's review for publication: people, sources and reference records are
    published only once approved (docs/consent.md)."""

    review_status = vocab("review_status")
    reviewed_by = text()
    reviewed_on = fields.Date(allow_none=True)


class PersonRecord(Base):
    roles = fields.List(vocab("role"), required=True, validate=validate.Length(min=1))
    name_en = text()
    name_ko = text()
    name_variants = fields.List(fields.String(validate=validate.Length(min=1, max=500)))
    sex = vocab("sex")
    birth_year = year()
    nationality = vocab("nationality")
    occupation = vocab("occupation")
    status = vocab("status")
    category = vocab("victim_category")
    age_group = vocab("age_group")
    in_dprk = fields.Boolean()
    at_risk = fields.Boolean()
    deceased_or_disappeared = fields.Boolean()
    owner = uid()
    review_status = vocab("review_status")
    reviewed_by = text()
    reviewed_on = fields.Date(allow_none=True)
    contact = text()
    notes = text()

    @validates_schema
    def has_a_name(self, data, **kwargs):
        if not (data.get("name_en") or data.get("name_ko") or data.get("name_variants")):
            raise ValidationError("a person needs name_en, name_ko or a name variant", "name_en")


class PerpetratorBodyRecord(Reviewed, Base):
    name_en = fields.String(required=True, validate=validate.Length(min=1, max=500))
    name_ko = text()
    perpetrator = vocab("perpetrator")
    kind = vocab("body_kind")
    founded = year()
    dissolved = year()


class LocationRecord(Reviewed, Base):
    name_en = fields.String(required=True, validate=validate.Length(min=1, max=500))
    name_ko = text()
    kind = vocab("location_kind", required=True)
    facility_type = vocab("facility_type")
    lat = fields.Float(validate=validate.Range(-90, 90), allow_none=True)
    lon = fields.Float(validate=validate.Range(-180, 180), allow_none=True)

    @validates_schema
    def both_coordinates(self, data, **kwargs):
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ValidationError("lat and lon go together", "lat")


class EventRecord(Base):
    kind = vocab("event_kind", required=True)
    date_start = fields.Date(allow_none=True)
    date_end = fields.Date(allow_none=True)
    date_precision = vocab("date_precision")
    year = year()
    summary_en = text()
    summary_ko = text()
    owner = uid()

    @validates_schema
    def dates_in_order(self, data, **kwargs):
        start, end = data.get("date_start"), data.get("date_end")
        if start and end and end < start:
            raise ValidationError("date_end is before date_start", "date_end")


class ProceedingRecord(Base):
    forum = vocab("forum", required=True)
    reference = text()
    title = text()
    date_filed = fields.Date(allow_none=True)
    date_decided = fields.Date(allow_none=True)
    status = vocab("proceeding_status")
    outcome = vocab("proceeding_outcome")
    owner = uid()


class InstrumentRecord(Reviewed, Base):
    key = text()
    name_en = fields.String(required=True, validate=validate.Length(min=1, max=500))
    name_ko = text()
    kind = vocab("instrument_kind")
    year = year()


class ResourceRecord(Reviewed, Base):
    name_en = fields.String(required=True, validate=validate.Length(min=1, max=500))
    name_ko = text()
    kind = vocab("resource_kind")
    year = year()


class SourceRecord(Reviewed, Base):
    kind = vocab("source_kind", required=True)
    title = text()
    terms_of_use = vocab("terms_of_use", required=True)
    submitted_by = uid()
    submitted_on = fields.Date(allow_none=True)
    url = fields.String(validate=validate.Length(max=2000), allow_none=True)


class OrganizationRecord(Reviewed, Base):
    name_en = fields.String(required=True, validate=validate.Length(min=1, max=500))
    name_ko = text()
    kind = vocab("organization_kind")


class ConsentRecord(Base):
    purpose = vocab("consent_purpose", required=True)
    partner = uid()
    given_on = fields.Date(required=True)
    obtained_by = text()
    method = vocab("consent_method")
    evidence = text()
    withdrawn_on = fields.Date(allow_none=True)
    by_family = fields.Boolean()

    @validates_schema
    def partner_for_sharing(self, data, **kwargs):
        if data.get("purpose") == "partner_sharing" and not data.get("partner"):
            raise ValidationError("partner_sharing consent names its partner", "partner")


NODE_SCHEMAS: dict[str, type[Base]] = {
    "Person": PersonRecord,
    "PerpetratorBody": PerpetratorBodyRecord,
    "Location": LocationRecord,
    "Event": EventRecord,
    "Proceeding": ProceedingRecord,
    "Instrument": InstrumentRecord,
    "Resource": ResourceRecord,
    "Source": SourceRecord,
    "Organization": OrganizationRecord,
    "Consent": ConsentRecord,
}

#: Relationship type -> (allowed start labels, allowed end labels, is a fact).
REL_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "SUBJECTED_TO": (("Person",), ("Event",), True),
    "PERPETRATED_BY": (("Event",), ("PerpetratorBody", "Person"), True),
    "OCCURRED_AT": (("Event",), ("Location",), True),
    "LIVED_AT": (("Person",), ("Location",), True),
    "TAKEN_FROM": (("Person",), ("Location",), True),
    "LAST_SEEN_AT": (("Person",), ("Location",), True),
    "HELD_AT": (("Person",), ("Location",), True),
    "RELATIVE_OF": (("Person",), ("Person",), True),
    "WITNESSED": (("Person",), ("Event",), True),
    "MEMBER_OF": (("Person",), ("PerpetratorBody",), True),
    "PART_OF": (("PerpetratorBody",), ("PerpetratorBody",), True),
    "COMMANDED_BY": (("PerpetratorBody",), ("PerpetratorBody", "Person"), True),
    "REPORTS_TO": (("PerpetratorBody",), ("PerpetratorBody", "Person"), True),
    "WITHIN": (("Location",), ("Location",), False),
    "CONCERNS": (("Proceeding",), ("Person",), False),
    "NAMES": (("Proceeding",), ("PerpetratorBody", "Person"), False),
    "INVOKES": (("Proceeding",), ("Instrument", "Resource"), False),
    "FILED_BY": (("Proceeding",), ("Organization",), False),
    "SUPPORTS": (("Source",), tuple(NODE_SCHEMAS), False),
    "GAVE": (("Person",), ("Consent",), False),
    # An editor's judgement of a candidate duplicate pair (graph.resolution): in the
    # format so that a vault export loads back; never published as such.
    "JUDGED": (("Person",), ("Person",), False),
}

REL_PROPS = {
    "relation": vocab("relation"),
    "date_from": fields.Date(allow_none=True),
    "date_to": fields.Date(allow_none=True),
    "role": text(),
    "note": text(),
    "verdict": vocab("verdict"),
    "by": text(),
    "at": text(),
}


class RelPropsRecord(Schema):
    class Meta:
        unknown = RAISE

    relation = REL_PROPS["relation"]
    date_from = REL_PROPS["date_from"]
    date_to = REL_PROPS["date_to"]
    role = REL_PROPS["role"]
    note = REL_PROPS["note"]
    verdict = REL_PROPS["verdict"]
    by = REL_PROPS["by"]
    at = REL_PROPS["at"]


class RelRecord(Schema):
    class Meta:
        unknown = RAISE

    record = fields.String(required=True, validate=validate.Equal("rel"))
    type = fields.String(required=True, validate=validate.OneOf(tuple(REL_TYPES)))
    key = fields.String(validate=validate.Length(max=200), load_default="")
    sources = fields.List(uid(), load_default=list)
    props = fields.Nested(RelPropsRecord, load_default=dict)
    synthetic = fields.Boolean()

    # "from" is a Python keyword: map it by data_key.
    start = uid(required=True, data_key="from")
    end = uid(required=True, data_key="to")

    @validates_schema
    def relative_has_relation(self, data, **kwargs):
        if data.get("type") == "RELATIVE_OF" and not data.get("props", {}).get("relation"):
            raise ValidationError("RELATIVE_OF needs props.relation", "props.relation")

    @validates_schema
    def judgement_has_verdict(self, data, **kwargs):
        if data.get("type") == "JUDGED" and not data.get("props", {}).get("verdict"):
            raise ValidationError("JUDGED needs props.verdict", "props.verdict")


RECORD_TYPES = (*NODE_SCHEMAS, "rel")
