"""The mapping file: which Uwazi template becomes which node type, and how.

Why a file and not code: every Uwazi collection names its templates and properties
differently; an organisation moving in writes (or adapts) one YAML file, checked
whole before any row is read. See ``examples/uwazi/footprints-victims.yml`` and
``docs/interop.md`` for the format:

* ``templates.<name>``: ``node`` (a record type of docs/interchange.md), ``roles``
  (people), ``id`` (a column holding a stable id, by default Uwazi's ``id``),
  ``title`` (the field, or a field per language), ``set`` (constant fields),
  ``properties`` (column -> field, with a ``type``, a ``vocabulary`` and ``values``),
  ``events`` (a date column of a person template -> one Event per date, with its
  kind, places and perpetrators), ``relationships`` (column -> relationship type
  and the node type of the titles it holds), ``links`` (column -> a Source per link);
* ``source``: the Source every imported fact cites (by default its terms keep it
  internal); ``default_template`` (for a file without a ``template`` column),
  ``date_format``, ``default_language``, ``uid_prefix``.

Two things a mapping may not do: create Consent records (consent is recorded by an
editor, never inferred from a spreadsheet) and put a geolocation on anything but a
Location (Locations are public reference data; a victim's coordinates would be
published with them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.vocabularies import VOCABULARIES, choices, label
from loaders.records import NODE_SCHEMAS, REL_TYPES
from loaders.uwazi.parse import DAY_FIRST, MONTH_FIRST, safe_name, split_nested

TYPES = ("text", "multiple", "integer", "boolean", "year", "date", "geolocation")
#: Fields that are not schema fields but are filled from a typed column.
SPECIAL_FIELDS = {"Event": {"date"}, "Location": {"coords"}}
LIST_FIELDS = {"name_variants", "roles"}


class MappingError(ValueError):
    """A mapping file that cannot be used; names the place in the file."""


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class PropertySpec:
    column: str
    label: str | None = None
    target: str | None = None  # the record field (or "coords", "date")
    languages: dict = field(default_factory=dict)
    type: str = "text"
    vocabulary: str | None = None
    values: dict = field(default_factory=dict)  # normalised Uwazi label -> key
    original_values: tuple = ()  # (Uwazi label, key) as written in the mapping, for export

    @property
    def select(self) -> bool:
        return bool(self.vocabulary or self.values)

    def resolve(self, value: str) -> str | None:
        """The vocabulary key of an Uwazi thesaurus value (``Parent::Child`` or ``Child``)."""
        _, child = split_nested(value)
        for candidate in (value, child):
            hit = self.values.get(_norm(candidate))
            if hit:
                return hit
        if self.vocabulary:
            for key, labels in VOCABULARIES[self.vocabulary].items():
                names = {_norm(key), _norm(labels["en"]), _norm(labels["ko"])}
                if _norm(value) in names or _norm(child) in names:
                    return key
        return None

    def export_value(self, key: str) -> str:
        """The Uwazi label to write for a vocabulary key (the first mapped label, else English)."""
        for text, mapped in self.original_values:
            if mapped == key:
                return text
        return label(self.vocabulary, key) if self.vocabulary else key


@dataclass(frozen=True)
class RelationSpec:
    column: str
    type: str
    to: str
    label: str | None = None
    reverse: bool = False
    props: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EventSpec:
    column: str
    label: str | None = None
    kind: str | None = None
    kind_column: PropertySpec | None = None
    places: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    summary: PropertySpec | None = None


@dataclass(frozen=True)
class LinkSpec:
    column: str
    kind: str = "news_article"
    terms_of_use: str = "internal"
    label: str | None = None


@dataclass
class TemplateSpec:
    name: str
    node: str
    label: str | None = None
    roles: list[str] = field(default_factory=list)
    id_column: str = "id"
    title: dict = field(default_factory=dict)  # language -> field
    constants: dict = field(default_factory=dict)
    properties: dict[str, PropertySpec] = field(default_factory=dict)
    events: dict[str, EventSpec] = field(default_factory=dict)
    relationships: dict[str, RelationSpec] = field(default_factory=dict)
    links: dict[str, LinkSpec] = field(default_factory=dict)

    def columns(self) -> dict[str, str | None]:
        """Every property name this template reads, with its label (for header matching)."""
        out: dict[str, str | None] = {"title": None, self.id_column: None}
        for spec in self.properties.values():
            out[spec.column] = spec.label
        for spec in self.events.values():
            out[spec.column] = spec.label
            if spec.kind_column:
                out[spec.kind_column.column] = spec.kind_column.label
            if spec.summary:
                out[spec.summary.column] = spec.summary.label
            for column in (*spec.places, *spec.perpetrators):
                out.setdefault(column, None)
        for spec in (*self.relationships.values(), *self.links.values()):
            out[spec.column] = spec.label
        return out

    def target_of(self, column: str, default: str) -> str:
        """The node type whose titles a relationship (or event place/perpetrator) column holds."""
        rel = self.relationships.get(column)
        return rel.to if rel else default

    def languages_of(self, column: str) -> dict:
        """The language -> field map of a multilingual column (title, or a property)."""
        if column == "title":
            return self.title
        spec = self.properties.get(column)
        if spec and spec.languages:
            return spec.languages
        for event in self.events.values():
            if event.summary and event.summary.column == column:
                return event.summary.languages
        return {}


@dataclass
class UwaziMapping:
    templates: dict[str, TemplateSpec]
    name: str = "uwazi"
    default_language: str = "en"
    date_format: str = DAY_FIRST
    uid_prefix: str = "uw"
    source: dict | None = None
    default_template: str | None = None

    def template(self, name: str | None) -> TemplateSpec | None:
        """A template by name or label; without a name, the default (or the only) one."""
        name = name or self.default_template
        if name is None:
            return next(iter(self.templates.values())) if len(self.templates) == 1 else None
        wanted = safe_name(name)
        for spec in self.templates.values():
            if wanted in (safe_name(spec.name), safe_name(spec.label or spec.name)):
                return spec
        return None


# -- loading ------------------------------------------------------------------------
def _need(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise MappingError(f"{where}: {message}")


def _fields_of(node: str) -> set[str]:
    return set(NODE_SCHEMAS[node]().fields) - {"record", "uid"} | SPECIAL_FIELDS.get(node, set())


def _languages(raw, default: str, where: str, node: str) -> dict:
    if isinstance(raw, str):
        raw = {default: raw}
    _need(isinstance(raw, dict) and raw, where, "give a field, or a field per language")
    for lang, target in raw.items():
        _need(target in _fields_of(node), where, f"{node} has no field {target!r} (for {lang})")
    return dict(raw)


def _property(column: str, raw, node: str, where: str, default_language: str) -> PropertySpec:
    if isinstance(raw, str):
        raw = {"field": raw}
    _need(isinstance(raw, dict), where, "expected a field name or a mapping")
    unknown = set(raw) - {"field", "languages", "type", "vocabulary", "values", "label"}
    _need(not unknown, where, f"unknown keys {sorted(unknown)}")
    kind = raw.get("type", "text")
    _need(kind in TYPES, where, f"type must be one of {', '.join(TYPES)}")
    vocabulary = raw.get("vocabulary")
    _need(vocabulary is None or vocabulary in VOCABULARIES, where, f"no vocabulary {vocabulary!r}")
    values = {str(k): str(v) for k, v in (raw.get("values") or {}).items()}
    if vocabulary:
        for text, key in values.items():
            _need(key in choices(vocabulary), where, f"{text!r} maps to {key!r}, not a key of "
                  f"{vocabulary}")
    languages = (_languages(raw["languages"], default_language, where, node)
                 if "languages" in raw else {})
    target = raw.get("field")
    _need(bool(target) != bool(languages), where, "give either field or languages")
    if target:
        _need(target in _fields_of(node), where, f"{node} has no field {target!r}")
        if kind == "geolocation":
            _need(node == "Location" and target == "coords", where,
                  "a geolocation goes to a Location's coords only (a Location is public "
                  "reference data: a person's coordinates must not become one)")
        if target == "date":
            _need(kind == "date", where, "an Event's date takes type: date")
    return PropertySpec(safe_name(column), raw.get("label"), target, languages, kind, vocabulary,
                        {_norm(k): v for k, v in values.items()}, tuple(values.items()))


def _relation(column: str, raw, node: str, where: str) -> RelationSpec:
    _need(isinstance(raw, dict), where, "expected {type: ..., to: ...}")
    rtype, target = raw.get("type"), raw.get("to")
    _need(rtype in REL_TYPES, where, f"type must be one of {', '.join(REL_TYPES)}")
    _need(target in NODE_SCHEMAS and target != "Consent", where, f"to: {target!r} is not a node type")
    starts, ends, _ = REL_TYPES[rtype]
    start, end = (target, node) if raw.get("reverse") else (node, target)
    _need(start in starts and end in ends, where, f"{rtype} goes from {'/'.join(starts)} to "
          f"{'/'.join(ends)}, not from {start} to {end}")
    props = {k: raw[k] for k in ("relation", "role") if raw.get(k)}
    if rtype == "RELATIVE_OF":
        _need(props.get("relation") in choices("relation"), where,
              f"RELATIVE_OF needs relation: one of {', '.join(choices('relation'))}")
    return RelationSpec(safe_name(column), rtype, target, raw.get("label"), bool(raw.get("reverse")),
                        props)


def _event(column: str, raw, where: str, default_language: str) -> EventSpec:
    _need(isinstance(raw, dict), where, "expected {kind: ..., place: ..., perpetrators: ...}")
    kind, kind_column = raw.get("kind"), None
    if isinstance(kind, dict):
        col = kind.get("column")
        _need(bool(col), where, "kind: {column: ...} names the column holding the kind")
        spec = {k: v for k, v in kind.items() if k != "column"} | {"field": "kind"}
        spec.setdefault("vocabulary", "event_kind")
        kind_column, kind = _property(col, spec, "Event", f"{where}.kind", default_language), None
    else:
        _need(kind in choices("event_kind"), where, f"kind must be one of {', '.join(choices('event_kind'))}")
    summary = None
    if raw.get("summary"):
        spec = raw["summary"]
        _need(isinstance(spec, dict) and spec.get("column"), f"{where}.summary",
              "expected {column: ..., field: ...} or {column: ..., languages: {en: ..., ko: ...}}")
        summary = _property(spec["column"], {k: v for k, v in spec.items() if k != "column"}, "Event",
                            f"{where}.summary", default_language)

    def columns(key: str) -> tuple[str, ...]:
        value = raw.get(key) or ()
        return tuple(safe_name(c) for c in ([value] if isinstance(value, str) else value))

    return EventSpec(safe_name(column), raw.get("label"), kind, kind_column, columns("place"),
                     columns("perpetrators"), summary)


def _template(name: str, raw: dict, default_language: str) -> TemplateSpec:
    where = f"templates.{name}"
    _need(isinstance(raw, dict), where, "expected a mapping")
    node = raw.get("node")
    _need(node != "Consent", where, "consent is recorded by an editor (footprints consent record), "
          "never imported")
    allowed = ", ".join(n for n in NODE_SCHEMAS if n != "Consent")
    _need(node in NODE_SCHEMAS, where, f"node must be one of {allowed}")
    roles = list(raw.get("roles") or ([] if node != "Person" else ["Victim"]))
    for role in roles:
        _need(role in choices("role"), where, f"unknown role {role!r}")
    spec = TemplateSpec(name=name, node=node, label=raw.get("label"), roles=roles,
                        id_column=safe_name(raw.get("id", "id")),
                        title=_languages(raw.get("title", "name_en" if "name_en" in _fields_of(node)
                                                 else "title"), default_language, f"{where}.title", node),
                        constants=dict(raw.get("set") or {}))
    for key in spec.constants:
        _need(key in _fields_of(node), f"{where}.set", f"{node} has no field {key!r}")
    for column, prop in (raw.get("properties") or {}).items():
        spec.properties[safe_name(column)] = _property(column, prop, node,
                                                       f"{where}.properties.{column}", default_language)
    for column, event in (raw.get("events") or {}).items():
        _need(node == "Person", f"{where}.events", "events belong to a person template")
        spec.events[safe_name(column)] = _event(column, event, f"{where}.events.{column}",
                                                default_language)
    for column, rel in (raw.get("relationships") or {}).items():
        spec.relationships[safe_name(column)] = _relation(column, rel, node,
                                                          f"{where}.relationships.{column}")
    for column, link in (raw.get("links") or {}).items():
        link = link or {}
        _need(link.get("kind", "news_article") in choices("source_kind"), f"{where}.links.{column}",
              "kind must be a source kind")
        _need(link.get("terms_of_use", "internal") in choices("terms_of_use"),
              f"{where}.links.{column}", "terms_of_use must be one of "
              + ", ".join(choices("terms_of_use")))
        spec.links[safe_name(column)] = LinkSpec(safe_name(column), link.get("kind", "news_article"),
                                                 link.get("terms_of_use", "internal"), link.get("label"))
    for event in spec.events.values():
        for column, wanted in [(c, ("Location",)) for c in event.places] + [
                (c, ("PerpetratorBody", "Person")) for c in event.perpetrators]:
            target = spec.target_of(column, wanted[0])
            _need(target in wanted, f"{where}.events", f"{column!r} holds {target} titles, "
                  f"not {' or '.join(wanted)}")
    return spec


def load_mapping(path: Path | str) -> UwaziMapping:
    """Read and check a mapping file; raises :class:`MappingError` naming what is wrong."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MappingError(f"{path.name}: not valid YAML: {exc}") from exc
    return mapping_from(raw, path.name)


def mapping_from(raw: dict, name: str = "mapping") -> UwaziMapping:
    _need(isinstance(raw, dict) and isinstance(raw.get("templates"), dict) and raw["templates"],
          name, "a mapping has templates: {name: {node: ...}}")
    default_language = raw.get("default_language", "en")
    date_format = raw.get("date_format", DAY_FIRST)
    _need(date_format in (DAY_FIRST, MONTH_FIRST), name, f"date_format is {DAY_FIRST} or {MONTH_FIRST}")
    source = raw.get("source")
    if source is not None:
        _need(isinstance(source, dict) and source.get("uid"), f"{name}: source", "needs a uid")
        _need(source.get("kind", "official_document") in choices("source_kind"), f"{name}: source",
              "kind must be a source kind")
        _need(source.get("terms_of_use", "internal") in choices("terms_of_use"), f"{name}: source",
              "terms_of_use must be one of " + ", ".join(choices("terms_of_use")))
    templates = {str(k): _template(str(k), v, default_language) for k, v in raw["templates"].items()}
    default = raw.get("default_template")
    _need(default is None or default in templates, name, f"default_template {default!r} is not a template")
    return UwaziMapping(templates, str(raw.get("name", name)), default_language, date_format,
                        str(raw.get("uid_prefix", "uw")), source, default)
