"""The domain model, defined once, as data: record types, their fields, relationship types.

Why data: the fields of a record type used to be written out four times (the neomodel
classes, the interchange schemas, the consent policy's public fields, the profile pages)
and again in tests, and they drifted. Now ``graph/model/*.yml`` says, for every record
type and relationship type, what it holds: each field's type, vocabulary, whether it is
required, whether it may ever be public, its labels in English and Korean, its help
text, and how it is shown (order, group). Everything else is derived from it:

- ``graph.models``: the neomodel classes of the vault;
- ``loaders.records``: the interchange schemas (and the CSV layout, from them);
- ``graph.consent.policy``: the fields and relationship properties that may be public;
- ``service.pages.present``: the profile's record table, its labels and vocabularies;
- the editing forms of the workspace.

``tests/graph/test_model.py`` fails when any of them disagrees with the definition.
Adding a field to a record type is one edit in one YAML file (its labels in both
languages are part of the edit): see docs/architecture.md.

The YAML is checked when it is loaded (once, at import): an unknown key, type,
vocabulary or field name is a :class:`ModelError` naming the file and the place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ("en", "ko")

#: Field types and what they hold (their interchange form is documented in
#: docs/interchange.md; their checks are built in loaders/records.py).
FIELD_TYPES = {
    "text": "free text, up to 20,000 characters",
    "name": "a name, 1 to 500 characters",
    "uid": "the uid of a record, 1 to 200 characters",
    "url": "a web address, up to 2,000 characters",
    "vocabulary": "a key of a controlled vocabulary",
    "vocabularies": "a list of keys of a controlled vocabulary",
    "strings": "a list of strings, each 1 to 500 characters",
    "year": "a year, 1800 to 2100",
    "date": "an ISO date, YYYY-MM-DD",
    "boolean": "true or false",
    "point": "a WGS-84 point, given as lat and lon",
    "count": "a whole number, 0 or more",
    "pages": "the text of each page of a file, read from it",
}
#: ``public``: never, always, or (free text about an event) only when every person
#: linked to the record is public.
PUBLIC = ("never", "always", "with_people")
#: ``shown`` on a profile: in the record table, in the heading, or not at all.
SHOWN = ("table", "heading", "no")
#: ``managed``: a field changed only through its own operation, not a record edit.
#: ``file``: written by the document pipeline from the file itself (documents/).
MANAGED = ("review", "at_risk", "terms", "file")
#: ``visibility``: which rule of the consent policy decides a record type's label.
VISIBILITY = ("person", "source", "event", "proceeding", "reference", "consent", "document")
#: What a relationship type carries besides ``key`` and ``synthetic``.
CARRIES = {
    "plain": (),
    "sourced": ("sources", "note"),
    "dated": ("sources", "note", "date_from", "date_to", "role"),
    "relative": ("sources", "note", "relation"),
    "judged": ("verdict", "by", "at"),
}
#: The property each kind of relationship must have.
CARRIES_REQUIRED = {"relative": ("relation",), "judged": ("verdict",)}
#: Schema-level checks a record type may ask for (implemented in loaders/records.py).
RULES = ("has_a_name", "both_coordinates", "dates_in_order", "partner_for_sharing")


class ModelError(ValueError):
    """The model's YAML says something this module cannot use."""


Labels = Mapping[str, str]


def text(labels: Labels | None, lang: str) -> str | None:
    """A label in ``lang`` (English when that language has none)."""
    if not labels:
        return None
    return labels.get(lang) or labels.get("en")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: Labels
    vocabulary: str | None = None
    required: bool = False
    public: str = "never"
    interchange: bool = True
    stored: str = "property"  # or "labels" (a person's roles are node labels)
    default: Any = None
    managed: str | None = None
    group: str | None = None
    shown: str = "table"
    help: Labels | None = None
    #: Sealed by the application before it is stored (graph/encryption.py): a stolen store
    #: file, dump or export does not reveal it. Never public.
    encrypted: bool = False

    @property
    def always_public(self) -> bool:
        return self.public == "always"

    @property
    def interchange_names(self) -> tuple[str, ...]:
        """The field's names in an interchange record (a point is ``lat`` and ``lon``)."""
        if not self.interchange:
            return ()
        return ("lat", "lon") if self.type == "point" else (self.name,)


@dataclass(frozen=True)
class RoleSealing:
    """Fields sealed only for records whose roles are all among ``roles`` (a person who is
    only a witness or a relative: graph/encryption.py). Their values are public for the
    other roles (a victim's name is searched and, with consent, published), so the mark is
    the record's, not the field's ``encrypted``. ``lookups``: the field holding keyed hashes
    of the sealed values (exact-match search without the plaintext); ``withheld``: fields
    derived from them, stored for nobody whose values are sealed."""

    roles: tuple[str, ...]
    fields: tuple[str, ...]
    lookups: str
    withheld: tuple[str, ...] = ()

    def applies(self, roles) -> bool:
        """Whether a record with these roles has its fields sealed: it has roles, and every
        one is among ``roles``."""
        return bool(roles) and set(roles) <= set(self.roles)


@dataclass(frozen=True)
class RecordType:
    name: str
    label: Labels
    plural: Labels
    fields: Mapping[str, Field]
    extends: tuple[str, ...] = ()  # nearest first
    uid_prefix: str = ""
    roles: tuple[str, ...] = ()
    visibility: str = "reference"
    owner: str | None = None
    rules: tuple[str, ...] = ()
    show: tuple[str, ...] = ()
    groups: Mapping[str, Labels] = field(default_factory=dict)
    #: Fields sealed for some roles only (``encrypted_for_roles`` in the YAML).
    role_sealing: RoleSealing | None = None

    @property
    def reviewed(self) -> bool:
        return "review_status" in self.fields

    def public_fields(self) -> tuple[str, ...]:
        return tuple(n for n, f in self.fields.items() if f.always_public)

    def conditional_fields(self) -> tuple[str, ...]:
        return tuple(n for n, f in self.fields.items() if f.public == "with_people")

    def interchange_fields(self) -> tuple[str, ...]:
        return tuple(n for f in self.fields.values() for n in f.interchange_names)

    def vocabulary_fields(self) -> dict[str, str]:
        return {n: f.vocabulary for n, f in self.fields.items()
                if f.vocabulary and f.stored == "property"}

    def stored_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields.values() if f.stored == "property")

    def managed_fields(self) -> dict[str, str]:
        return {n: f.managed for n, f in self.fields.items() if f.managed}


@dataclass(frozen=True)
class RelationshipType:
    name: str
    starts: tuple[str, ...] | None  # None: any record type
    ends: tuple[str, ...] | None
    carries: str
    label: Labels
    out: Labels | None = None
    in_: Labels | None = None
    fact: bool = False
    role: str | None = None  # the role a person at the start must have
    private: bool = False
    interchange: bool = True
    editable: bool = True
    back: str | None = None  # the editing layer's name for it seen from the end

    @property
    def properties(self) -> tuple[str, ...]:
        return CARRIES[self.carries]

    @property
    def required_properties(self) -> tuple[str, ...]:
        return CARRIES_REQUIRED.get(self.carries, ())


@dataclass(frozen=True)
class Model:
    records: Mapping[str, RecordType]  # concrete record types, in their order
    abstract: Mapping[str, RecordType]
    relationships: Mapping[str, RelationshipType]
    properties: Mapping[str, Field]  # relationship properties
    vocabularies: Mapping[str, Mapping[str, Labels]]

    def record(self, name: str) -> RecordType:
        try:
            return self.records[name]
        except KeyError:
            raise ModelError(f"no record type {name!r}") from None

    def field_label(self, name: str, lang: str = "en", record: str | None = None) -> str:
        """The label of a field (of ``record``, or of the first record type that has one of
        that name), of a relationship property, or the name itself."""
        types = [self.records[record]] if record in self.records else list(self.records.values())
        for rtype in types:
            if name in rtype.fields:
                return text(rtype.fields[name].label, lang) or name
        if name in self.properties:
            return text(self.properties[name].label, lang) or name
        return name

    def kind_label(self, kind: str, lang: str = "en", plural: bool = False) -> str:
        """A record type's name, or a person's role's (Victim, Official, ...)."""
        if kind in self.records:
            rtype = self.records[kind]
            return text(rtype.plural if plural else rtype.label, lang) or kind
        role = self.vocabularies["role"].get(kind)
        return text(role, lang) or kind if role else kind

    def relationship_label(self, name: str, lang: str = "en", direction: str | None = None) -> str:
        rel = self.relationships.get(name)
        if rel is None:
            return name
        labels = {"out": rel.out, "in": rel.in_}.get(direction or "", None) or rel.label
        return text(labels, lang) or name


# -- loading --------------------------------------------------------------------------

def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ModelError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path.name}: expected a mapping at the top")
    return data


def _labels(value: Any, where: str, required: bool = True) -> Labels | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict) or set(value) != set(LANGS) or not all(
            isinstance(v, str) and v.strip() for v in value.values()):
        raise ModelError(f"{where}: labels need exactly {' and '.join(LANGS)}, non-empty")
    return dict(value)  # plain: labels travel as JSON in the API


def _keys(spec: dict, allowed: set[str], where: str) -> None:
    unknown = set(spec) - allowed
    if unknown:
        raise ModelError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(sorted(allowed))}")


_FIELD_KEYS = {"type", "vocabulary", "required", "public", "interchange", "stored", "default",
               "managed", "group", "shown", "label", "help", "encrypted"}


def _field(name: str, spec: dict, where: str, vocabularies: Mapping) -> Field:
    _keys(spec, _FIELD_KEYS, where)
    kind = spec.get("type")
    if kind not in FIELD_TYPES:
        raise ModelError(f"{where}: type {kind!r} is not one of {', '.join(FIELD_TYPES)}")
    vocabulary = spec.get("vocabulary")
    if (kind in ("vocabulary", "vocabularies")) != (vocabulary is not None):
        raise ModelError(f"{where}: a vocabulary field names its vocabulary, and only it")
    if vocabulary is not None and vocabulary not in vocabularies:
        raise ModelError(f"{where}: no vocabulary {vocabulary!r}")
    public = spec.get("public", False)
    public = {True: "always", False: "never"}.get(public, public)
    shown = spec.get("shown", "table")
    shown = {True: "table", False: "no"}.get(shown, shown)
    for key, value, allowed in (("public", public, PUBLIC), ("shown", shown, SHOWN),
                                ("managed", spec.get("managed"), (None, *MANAGED)),
                                ("stored", spec.get("stored", "property"), ("property", "labels"))):
        if value not in allowed:
            raise ModelError(f"{where}: {key} {value!r} is not one of {allowed}")
    encrypted = bool(spec.get("encrypted", False))
    if encrypted and (public != "never" or kind not in ("text", "name", "strings")):
        raise ModelError(f"{where}: an encrypted field is text, a name or strings, never public")
    if vocabulary and spec.get("default") is not None \
            and spec["default"] not in vocabularies[vocabulary]:
        raise ModelError(f"{where}: default {spec['default']!r} is not in {vocabulary}")
    return Field(name=name, type=kind, label=_labels(spec.get("label"), f"{where}.label"),
                 vocabulary=vocabulary, required=bool(spec.get("required", False)),
                 public=public, interchange=bool(spec.get("interchange", True)),
                 stored=spec.get("stored", "property"), default=spec.get("default"),
                 managed=spec.get("managed"), group=spec.get("group"), shown=shown,
                 help=_labels(spec.get("help"), f"{where}.help", required=False),
                 encrypted=encrypted)


_RECORD_KEYS = {"abstract", "extends", "label", "plural", "uid_prefix", "roles", "visibility",
                "owner", "rules", "show", "groups", "fields", "encrypted_for_roles"}
_ROLE_SEALING_KEYS = {"roles", "fields", "lookups", "withheld"}


def _role_sealing(spec: Any, where: str, fields: Mapping[str, Field],
                  roles: tuple[str, ...]) -> RoleSealing | None:
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise ModelError(f"{where}: a mapping of {', '.join(sorted(_ROLE_SEALING_KEYS))}")
    _keys(spec, _ROLE_SEALING_KEYS, where)
    sealing = RoleSealing(roles=tuple(spec.get("roles") or ()),
                          fields=tuple(spec.get("fields") or ()),
                          lookups=spec.get("lookups") or "",
                          withheld=tuple(spec.get("withheld") or ()))
    if not sealing.roles or set(sealing.roles) - set(roles):
        raise ModelError(f"{where}.roles: some of the record type's roles {list(roles)}")
    for name in (*sealing.fields, sealing.lookups, *sealing.withheld):
        if name not in fields:
            raise ModelError(f"{where}: no field {name!r}")
    if not sealing.fields:
        raise ModelError(f"{where}.fields: at least one field")
    for name in sealing.fields:
        f = fields[name]
        if f.encrypted or f.type not in ("text", "name", "strings") or f.stored != "property":
            raise ModelError(f"{where}.fields.{name}: text, a name or strings, stored as a "
                             "property, and not encrypted for every record already")
    lookups = fields[sealing.lookups]
    if lookups.type != "strings" or lookups.public != "never" or lookups.interchange:
        raise ModelError(f"{where}.lookups: a strings field, never public, not interchanged "
                         "(keyed hashes are derived on every write)")
    if "sealed_with" not in fields:
        raise ModelError(f"{where}: a record type with encrypted fields has a sealed_with field "
                         "(the id of the key that sealed them; graph/encryption.py)")
    return sealing


def _merged_fields(name: str, specs: dict[str, dict], seen: tuple[str, ...] = ()) -> dict:
    """A type's field specs, its bases' first; a field named again moves to the subtype's
    place, with the base's spec under the subtype's changes."""
    if name in seen:
        raise ModelError(f"{name}: extends itself ({' -> '.join((*seen, name))})")
    spec = specs[name]
    base = spec.get("extends")
    merged: dict[str, dict] = {}
    if base is not None:
        if base not in specs:
            raise ModelError(f"{name}: extends {base!r}, which is not defined")
        merged = _merged_fields(base, specs, (*seen, name))
    for fname, fspec in (spec.get("fields") or {}).items():
        inherited = merged.pop(fname, {})
        merged[fname] = {**inherited, **(fspec or {})}
    return merged


def _chain(name: str, specs: dict[str, dict]) -> tuple[str, ...]:
    out = []
    base = specs[name].get("extends")
    while base is not None:
        out.append(base)
        base = specs[base].get("extends")
    return tuple(out)


def _record(name: str, specs: dict[str, dict], vocabularies: Mapping) -> RecordType:
    spec = specs[name]
    where = f"records/{name}"
    _keys(spec, _RECORD_KEYS, where)
    fields = {fname: _field(fname, fspec, f"{where}.fields.{fname}", vocabularies)
              for fname, fspec in _merged_fields(name, specs).items()}
    groups = {g: _labels(v, f"{where}.groups.{g}") for g, v in (spec.get("groups") or {}).items()}
    for fname, f in fields.items():
        if f.group is not None and groups and f.group not in groups:
            raise ModelError(f"{where}.fields.{fname}: no group {f.group!r} in groups")
    show = tuple(spec.get("show") or ())
    missing = [s for s in show if s not in fields]
    if missing:
        raise ModelError(f"{where}.show: no field(s) {', '.join(missing)}")
    rules = tuple(spec.get("rules") or ())
    if set(rules) - set(RULES):
        raise ModelError(f"{where}.rules: unknown rule(s) {sorted(set(rules) - set(RULES))}")
    visibility = spec.get("visibility", "reference")
    if visibility not in VISIBILITY:
        raise ModelError(f"{where}.visibility: {visibility!r} is not one of {VISIBILITY}")
    if any(f.encrypted for f in fields.values()) and "sealed_with" not in fields:
        raise ModelError(f"{where}: a record type with encrypted fields has a sealed_with field "
                         "(the id of the key that sealed them; graph/encryption.py)")
    owner = spec.get("owner")
    if owner is not None and owner not in fields:
        raise ModelError(f"{where}.owner: no field {owner!r}")
    abstract = bool(spec.get("abstract"))
    roles = tuple(spec.get("roles") or ())
    role_sealing = _role_sealing(spec.get("encrypted_for_roles"), f"{where}.encrypted_for_roles",
                                 fields, roles)
    label = _labels(spec.get("label"), f"{where}.label", required=not abstract)
    return RecordType(
        name=name, label=label or MappingProxyType({}),
        plural=_labels(spec.get("plural"), f"{where}.plural", required=not abstract)
        or MappingProxyType({}),
        fields=MappingProxyType(fields), extends=_chain(name, specs),
        uid_prefix=spec.get("uid_prefix", ""), roles=roles,
        visibility=visibility, owner=owner, rules=rules, show=show,
        groups=MappingProxyType(groups), role_sealing=role_sealing)


_REL_KEYS = {"from", "to", "fact", "carries", "role", "private", "interchange", "editable",
             "label", "out", "in", "back"}


def _relationship(name: str, spec: dict, records: Mapping) -> RelationshipType:
    where = f"relationships/{name}"
    _keys(spec, _REL_KEYS, where)

    def ends(key: str) -> tuple[str, ...] | None:
        value = spec.get(key)
        if value == "any":
            return None
        if not isinstance(value, list) or not value or set(value) - set(records):
            raise ModelError(f"{where}.{key}: a list of record types, or any")
        return tuple(value)

    if spec.get("carries") not in CARRIES:
        raise ModelError(f"{where}.carries: one of {', '.join(CARRIES)}")
    return RelationshipType(
        name=name, starts=ends("from"), ends=ends("to"), carries=spec["carries"],
        label=_labels(spec.get("label"), f"{where}.label"),
        out=_labels(spec.get("out"), f"{where}.out", required=False),
        in_=_labels(spec.get("in"), f"{where}.in", required=False),
        fact=bool(spec.get("fact", False)), role=spec.get("role"),
        private=bool(spec.get("private", False)), interchange=bool(spec.get("interchange", True)),
        editable=bool(spec.get("editable", True)), back=spec.get("back"))


@cache
def load(directory: Path = HERE) -> Model:
    """The model defined in ``directory`` (read once)."""
    vocabularies = {name: MappingProxyType({str(key): _labels(labels, f"vocabularies/{name}/{key}")
                                            for key, labels in entries.items()})
                    for name, entries in _read(directory / "vocabularies.yml").items()}
    specs: dict[str, dict] = {}
    for path in sorted((directory / "records").glob("*.yml")):
        for name, spec in _read(path).items():
            if name in specs:
                raise ModelError(f"{path.name}: record type {name} is defined twice")
            specs[name] = spec or {}
    order = _read(directory / "index.yml").get("records") or []
    concrete = [n for n, s in specs.items() if not s.get("abstract")]
    if sorted(order) != sorted(concrete):
        raise ModelError(f"index.yml lists {sorted(order)}; records/ defines {sorted(concrete)}")
    records = {name: _record(name, specs, vocabularies) for name in order}
    abstract = {name: _record(name, specs, vocabularies) for name, s in specs.items()
                if s.get("abstract")}
    rels = _read(directory / "relationships.yml")
    properties = {name: _field(name, spec, f"relationships/properties.{name}", vocabularies)
                  for name, spec in (rels.get("properties") or {}).items()}
    missing = {p for c in CARRIES.values() for p in c if p != "sources"} - set(properties)
    if missing:
        raise ModelError(f"relationships.yml: properties {sorted(missing)} are not defined")
    relationships = {name: _relationship(name, spec, records)
                     for name, spec in (rels.get("types") or {}).items()}
    return Model(records=MappingProxyType(records), abstract=MappingProxyType(abstract),
                 relationships=MappingProxyType(relationships),
                 properties=MappingProxyType(properties),
                 vocabularies=MappingProxyType(vocabularies))


MODEL = load()


def record_types() -> Iterator[RecordType]:
    return iter(MODEL.records.values())


def relationship_types(interchange: bool | None = None) -> Iterator[RelationshipType]:
    return (r for r in MODEL.relationships.values()
            if interchange is None or r.interchange == interchange)
