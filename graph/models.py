"""neomodel models of the vault: the editing layer, derived from the model's one definition.

Editors create and change records through these classes; bulk loads, publication
and every read query use the driver with named Cypher instead. The classes are
built from ``graph/model`` (record types, their fields and the relationships that
start from them), so a field added there is a property here. Property names are
those of the interchange format (docs/interchange.md); every vocabulary-valued
property takes its choices from the vocabulary it names. Every domain node also has
the ``Entity`` label (from the base class), which the loaders use to find a node by
uid whatever its type; a person's roles are sub-classes (``Victim``, ``Official``,
...), so that they are labels too.

    models.Victim(name_en="...", category="war_abductee").save()
    victim.subjected_to.connect(event, {"sources": ["src-1"]})
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

from graph.model import CARRIES, MODEL, Field, RecordType


def _property(spec: Field):
    """The neomodel property of one field of the model."""
    options = {}
    if spec.required:
        options["required"] = True
    if spec.default is not None:
        options["default"] = spec.default
    if spec.type == "uid" and spec.name == "uid":
        return UniqueIdProperty()
    if spec.type == "vocabulary":
        labels = MODEL.vocabularies[spec.vocabulary]
        return StringProperty(choices={key: label["en"] for key, label in labels.items()},
                              **options)
    if spec.type in ("text", "name", "uid", "url"):
        return StringProperty(**options)
    if spec.type == "strings":
        return ArrayProperty(StringProperty(), default=list)
    if spec.type in ("year", "count"):
        return IntegerProperty(**options)
    if spec.type == "pages":
        return ArrayProperty(StringProperty(), default=list)
    if spec.type == "date":
        return DateProperty(**options)
    if spec.type == "boolean":
        return BooleanProperty(**options)
    if spec.type == "point":
        return PointProperty(crs="wgs-84")
    raise ValueError(f"no neomodel property for type {spec.type!r}")


# -- relationship models: what each kind of relationship carries ------------------------

class Rel(StructuredRel):
    """Every relationship has a ``key`` (empty unless two of a type join the same ends);
    ``synthetic`` marks generated data, as on nodes."""

    key = StringProperty(default="")
    synthetic = BooleanProperty()


def _rel_model(carries: str) -> type[StructuredRel]:
    attrs = {}
    for name in CARRIES[carries]:
        if name == "sources":
            attrs[name] = ArrayProperty(StringProperty(), default=list)
        else:
            spec = MODEL.properties[name]
            required = name in ("relation",) and carries == "relative"
            attrs[name] = _property(Field(**{**spec.__dict__, "required": required}))
    return type(f"{carries.title()}Rel", (Rel,), attrs) if attrs else Rel


REL_MODELS: dict[str, type[StructuredRel]] = {carries: _rel_model(carries)
                                              for carries in CARRIES if carries != "judged"}


# -- node classes ------------------------------------------------------------------------

def _own_fields(rtype: RecordType, base: RecordType | None) -> list[Field]:
    """The fields a class defines itself: new ones, and those it changes (a person's name
    is not required, as a place's is)."""
    inherited = base.fields if base is not None else {}
    return [f for f in rtype.stored_fields() if inherited.get(f.name) != f]


def _relationships(start: str, role: str | None) -> dict:
    """The relationships the editing layer follows from a record type (or a person's role):
    ``<type in lower case>`` -> its model; and those it follows back to it (``back``)."""
    out = {}
    for rel in MODEL.relationships.values():
        if not rel.interchange or rel.carries not in REL_MODELS:
            continue
        model = REL_MODELS[rel.carries]
        if rel.starts == (start,) and rel.role == role:
            target = rel.ends[0] if rel.ends and len(rel.ends) == 1 else "Entity"
            out[rel.name.lower()] = RelationshipTo(target, rel.name, model=model)
        if rel.back and rel.ends == (start,) and role is None:
            source = rel.starts[0] if rel.starts and len(rel.starts) == 1 else "Entity"
            out[rel.back] = RelationshipFrom(source, rel.name, model=model)
    return out


def _build() -> dict[str, type[StructuredNode]]:
    classes: dict[str, type[StructuredNode]] = {}

    def make(name: str) -> type[StructuredNode]:
        if name in classes:
            return classes[name]
        rtype = MODEL.records.get(name) or MODEL.abstract[name]
        base_name = rtype.extends[0] if rtype.extends else None
        base = make(base_name) if base_name else StructuredNode
        base_type = (MODEL.records.get(base_name) or MODEL.abstract[base_name]) if base_name else None
        attrs = {"__module__": __name__, "__doc__": f"A {name} of the vault (graph/model)."}
        if name in MODEL.abstract and name != "Entity":
            attrs["__abstract_node__"] = True
        attrs.update({f.name: _property(f) for f in _own_fields(rtype, base_type)})
        attrs.update(_relationships(name, None))
        classes[name] = type(name, (base,), attrs)
        return classes[name]

    for name in MODEL.records:
        make(name)
    for rtype in MODEL.records.values():
        for role in rtype.roles:
            attrs = {"__module__": __name__, "__doc__": f"A person in the role {role}.",
                     **_relationships(rtype.name, role)}
            classes[role] = type(role, (classes[rtype.name],), attrs)
    return classes


CLASSES = _build()
Entity = CLASSES["Entity"]
Person, Victim, Witness, Relative, Official = (CLASSES[n] for n in (
    "Person", "Victim", "Witness", "Relative", "Official"))
PerpetratorBody, Location, Event, Proceeding = (CLASSES[n] for n in (
    "PerpetratorBody", "Location", "Event", "Proceeding"))
Instrument, Resource, Source, Organization, Consent = (CLASSES[n] for n in (
    "Instrument", "Resource", "Source", "Organization", "Consent"))
#: The relationship models by what they carry, under the names the code used before.
FactRel, DatedRel, RelativeRel = REL_MODELS["sourced"], REL_MODELS["dated"], REL_MODELS["relative"]


def use_driver(driver, database: str = "neo4j") -> None:
    """Point neomodel at the vault's driver (service/vault/edits.py and the loading
    benchmark call this before they write through the models)."""
    from neomodel import db, get_config

    get_config().database_name = database
    db.set_connection(driver=driver)


__all__ = ["CLASSES", "REL_MODELS", "Rel", "use_driver", *CLASSES]
