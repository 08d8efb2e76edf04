"""neomodel models of the vault: the editing layer.

Editors create and change records through these classes; bulk loads,
publication and every read query use the driver with named Cypher instead.
Property names are those of the interchange format (docs/interchange.md) and
every vocabulary-valued property takes its choices from ``graph.vocabularies``.
Every domain node also has the ``Entity`` label (from the base class), which
the loaders use to find a node by uid whatever its type.
"""

from __future__ import annotations

from neomodel import (
    ArrayProperty,
    BooleanProperty,
    DateProperty,
    IntegerProperty,
    RelationshipFrom,
    RelationshipTo,
    StringProperty,
    StructuredNode,
    StructuredRel,
    UniqueIdProperty,
)
from neomodel.contrib.spatial_properties import PointProperty

from graph.vocabularies import VOCABULARIES


def _choices(name: str) -> dict[str, str]:
    return {key: labels["en"] for key, labels in VOCABULARIES[name].items()}


def vocab(name: str, **kw) -> StringProperty:
    return StringProperty(choices=_choices(name), **kw)


class Rel(StructuredRel):
    """Every relationship has a ``key`` (empty unless two of a type join the same ends);
    ``synthetic`` marks generated data, as on nodes."""

    key = StringProperty(default="")
    synthetic = BooleanProperty()


class FactRel(Rel):
    """A relationship that states a fact, or links records on a source's word (geography,
    proceedings): it names the sources that support it."""

    sources = ArrayProperty(StringProperty(), default=list)
    note = StringProperty()


class DatedRel(FactRel):
    """Chain of command and detention: true between two dates."""

    date_from = DateProperty()
    date_to = DateProperty()
    role = StringProperty()


class RelativeRel(FactRel):
    relation = vocab("relation", required=True)


class Entity(StructuredNode):
    uid = UniqueIdProperty()
    synthetic = BooleanProperty(default=False)


class Reviewed(Entity):
    """Published only once an editor approved it (people, sources, reference records)."""

    __abstract_node__ = True
    review_status = vocab("review_status", default="pending")
    reviewed_by = StringProperty()
    reviewed_on = DateProperty()


class Named(Reviewed):
    __abstract_node__ = True
    name_en = StringProperty()
    name_ko = StringProperty()


class Organization(Named):
    kind = vocab("organization_kind")


class Source(Reviewed):
    kind = vocab("source_kind", required=True)
    title = StringProperty()
    terms_of_use = vocab("terms_of_use", required=True)
    submitted_by = StringProperty()
    submitted_on = DateProperty()
    url = StringProperty()
    supports = RelationshipTo("Entity", "SUPPORTS", model=Rel)


class Consent(Entity):
    purpose = vocab("consent_purpose", required=True)
    partner = StringProperty()
    given_on = DateProperty(required=True)
    obtained_by = StringProperty()
    method = vocab("consent_method")
    evidence = StringProperty()
    withdrawn_on = DateProperty()
    by_family = BooleanProperty(default=False)
    given_by = RelationshipFrom("Person", "GAVE", model=Rel)


class Location(Named):
    kind = vocab("location_kind", required=True)
    facility_type = vocab("facility_type")
    coords = PointProperty(crs="wgs-84")
    within = RelationshipTo("Location", "WITHIN", model=FactRel)


class PerpetratorBody(Named):
    perpetrator = vocab("perpetrator")
    kind = vocab("body_kind")
    founded = IntegerProperty()
    dissolved = IntegerProperty()
    part_of = RelationshipTo("PerpetratorBody", "PART_OF", model=DatedRel)
    commanded_by = RelationshipTo("Entity", "COMMANDED_BY", model=DatedRel)
    reports_to = RelationshipTo("Entity", "REPORTS_TO", model=DatedRel)


class Event(Entity):
    kind = vocab("event_kind", required=True)
    date_start = DateProperty()
    date_end = DateProperty()
    date_precision = vocab("date_precision")
    year = IntegerProperty()
    summary_en = StringProperty()
    summary_ko = StringProperty()
    owner = StringProperty()
    perpetrated_by = RelationshipTo("Entity", "PERPETRATED_BY", model=DatedRel)
    occurred_at = RelationshipTo("Location", "OCCURRED_AT", model=FactRel)


class Person(Named):
    name_variants = ArrayProperty(StringProperty(), default=list)
    search_keys = ArrayProperty(StringProperty(), default=list)
    sex = vocab("sex")
    birth_year = IntegerProperty()
    nationality = vocab("nationality")
    occupation = vocab("occupation")
    status = vocab("status")
    category = vocab("victim_category")
    age_group = vocab("age_group")
    in_dprk = BooleanProperty(default=False)
    at_risk = BooleanProperty(default=False)
    deceased_or_disappeared = BooleanProperty(default=False)
    owner = StringProperty()
    contact = StringProperty()
    notes = StringProperty()

    subjected_to = RelationshipTo("Event", "SUBJECTED_TO", model=FactRel)
    lived_at = RelationshipTo("Location", "LIVED_AT", model=FactRel)
    taken_from = RelationshipTo("Location", "TAKEN_FROM", model=FactRel)
    last_seen_at = RelationshipTo("Location", "LAST_SEEN_AT", model=FactRel)
    held_at = RelationshipTo("Location", "HELD_AT", model=DatedRel)
    relative_of = RelationshipTo("Person", "RELATIVE_OF", model=RelativeRel)
    gave = RelationshipTo("Consent", "GAVE", model=Rel)


class Victim(Person):
    pass


class Witness(Person):
    witnessed = RelationshipTo("Event", "WITNESSED", model=FactRel)


class Relative(Person):
    pass


class Official(Person):
    member_of = RelationshipTo("PerpetratorBody", "MEMBER_OF", model=DatedRel)


class Instrument(Named):
    key = StringProperty()
    kind = vocab("instrument_kind")
    year = IntegerProperty()


class Resource(Named):
    kind = vocab("resource_kind")
    year = IntegerProperty()


class Proceeding(Entity):
    forum = vocab("forum", required=True)
    reference = StringProperty()
    title = StringProperty()
    date_filed = DateProperty()
    date_decided = DateProperty()
    status = vocab("proceeding_status")
    outcome = vocab("proceeding_outcome")
    owner = StringProperty()
    concerns = RelationshipTo("Person", "CONCERNS", model=FactRel)
    names = RelationshipTo("Entity", "NAMES", model=FactRel)
    invokes = RelationshipTo("Entity", "INVOKES", model=FactRel)
    filed_by = RelationshipTo("Organization", "FILED_BY", model=FactRel)


def use_driver(driver, database: str = "neo4j") -> None:
    """Point neomodel at the vault's driver (service/vault/edits.py and the loading
    benchmark call this before they write through the models)."""
    from neomodel import db, get_config

    get_config().database_name = database
    db.set_connection(driver=driver)
