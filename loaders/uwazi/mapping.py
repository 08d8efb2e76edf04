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

What a mapping may not do: create Consent records (consent is recorded by an
editor, never inferred from a spreadsheet); fill a field the model says is changed
only through its own operation (an editor's review, the at-risk mark, a source's terms
of use: ``managed`` in graph/model), so that no import approves a record or clears a
mark, and a re-import never undoes an editor's decision; and put a geolocation on
anything but a Location (Locations are public reference data; a victim's coordinates
would be published with them).

The check is meant to catch whatever would fail on every row, so that a mapping that
passes it fails only on cells that are wrong: each column's ``type`` must suit its
field (a year from a ``year`` or ``integer`` column, several values only into a list
field, a constant must be a valid value of its field), two columns (or two languages)
may not fill one single-valued field, and a required field needs a column or a constant.
Uwazi's data model decides what is accepted rather than refused: a title is one text
per language, so a title language mapped to a list field (``title: {en: name_en, es:
name_variants}``) adds that title to the list as one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from marshmallow import ValidationError

from graph.model import MODEL
from graph.vocabularies import VOCABULARIES, choices, label
from loaders.records import NODE_SCHEMAS, REL_TYPES
from loaders.uwazi.parse import DAY_FIRST, MONTH_FIRST, NESTED, safe_name, split_nested

TYPES = ("text", "multiple", "integer", "boolean", "year", "date", "geolocation")
#: Fields that are not schema fields but are filled from a typed column.
SPECIAL_FIELDS = {"Event": {"date"}, "Location": {"coords"}}
#: The model's field types that hold a list: several values, or one added to the others.
LIST_TYPES = ("strings", "vocabularies")
LIST_FIELDS = frozenset(f.name for r in MODEL.records.values() for f in r.fields.values()
                        if f.type in LIST_TYPES)
#: The model's field types each column type can fill (a select: ``vocabulary``/``values``).
FILLS = {
    "text": ("text", "name", "url", "uid", "strings", "vocabulary", "vocabularies"),
    "multiple": LIST_TYPES,
    "integer": ("year",),
    "year": ("year",),
    "boolean": ("boolean",),
    "date": ("date",),
    "geolocation": ("point",),
}
#: What a title (one text per language, in Uwazi) can fill.
TITLE_FILLS = ("text", "name", "strings")
#: The operations that alone change a managed field (graph/model ``managed``).
MANAGED_BY = {"review": "an editor's review (footprints review, the review queue)",
              "at_risk": "an editor's at-risk mark (footprints at-risk)",
              "terms": "an editor's decision on its terms (footprints source-terms)"}


class MappingError(ValueError):
    """A mapping file that cannot be used; names the place in the file."""


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def value_key(text: str) -> str:
    """A thesaurus value as it is matched: normalised, a nested one on its whole path
    (``Korean War :: ROK abductee`` -> ``korean war::rok abductee``)."""
    parent, child = split_nested(str(text))
    return _norm(child) if parent is None else f"{_norm(parent)}{NESTED}{_norm(child)}"


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
        """The vocabulary key of an Uwazi thesaurus value. A nested value (``Parent::Child``,
        a value of a thesaurus group) is known by its whole path only, from ``values``: the
        same label can sit in several groups, and ``3::A`` is not the top-level ``A``. A
        plain value is matched in ``values``, then on the vocabulary's keys and labels."""
        parent, _ = split_nested(value)
        hit = self.values.get(value_key(value))
        if hit or parent is not None:
            return hit
        if self.vocabulary:
            for key, labels in VOCABULARIES[self.vocabulary].items():
                if _norm(value) in {_norm(key), _norm(labels["en"]), _norm(labels["ko"])}:
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


def _field_type(node: str, target: str) -> str:
    """The model's type of a field (``date`` and ``coords`` are filled from a typed column)."""
    if target in SPECIAL_FIELDS.get(node, ()):
        return "date" if target == "date" else "point"
    return MODEL.records[node].fields[target].type


def _not_managed(node: str, target: str, where: str) -> None:
    spec = MODEL.records[node].fields.get(target)
    if spec is not None and spec.managed:
        raise MappingError(f"{where}: {node}.{target} is changed only through "
                           f"{MANAGED_BY[spec.managed]}, never by an import")


def _languages(raw, default: str, where: str, node: str, fills: tuple[str, ...] = TITLE_FILLS,
               what: str = "a title") -> dict:
    """Language -> field. Each language is one value (a title, a text): it suits a text
    field, or a list it is added to; two languages into one single-valued field would
    leave only the last, so they are refused."""
    if isinstance(raw, str):
        raw = {default: raw}
    _need(isinstance(raw, dict) and raw, where, "give a field, or a field per language")
    taken: dict[str, str] = {}
    for lang, target in raw.items():
        _need(target in _fields_of(node), where, f"{node} has no field {target!r} (for {lang})")
        _not_managed(node, target, where)
        kind = _field_type(node, target)
        _need(kind in fills, where, f"{lang}: {what} is one text per language; {node}.{target} "
              f"holds {kind} values (a text, name or list field takes it)")
        _need(kind in LIST_TYPES or target not in taken, where,
              f"{taken.get(target)} and {lang} both fill {node}.{target}, which holds one "
              "value: one would overwrite the other (a list field, e.g. name_variants, "
              "takes several)")
        taken[target] = lang
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
    if "languages" in raw:
        _need(kind in ("text", "multiple"), where, "languages are for text properties (Uwazi "
              "translates text, selects and links; a number or a date is one value)")
    languages = (_languages(raw["languages"], default_language, where, node,
                            FILLS[kind], f"a {kind} property") if "languages" in raw else {})
    target = raw.get("field")
    _need(bool(target) != bool(languages), where, "give either field or languages")
    if target:
        _need(target in _fields_of(node), where, f"{node} has no field {target!r}")
        _not_managed(node, target, where)
        if kind == "geolocation":
            _need(node == "Location" and target == "coords", where,
                  "a geolocation goes to a Location's coords only (a Location is public "
                  "reference data: a person's coordinates must not become one)")
        if target == "date":
            _need(kind == "date", where, "an Event's date takes type: date")
    for name in ([target] if target else list(languages.values())):
        field_type = _field_type(node, name)
        _need(field_type in FILLS[kind], where, _mismatch(node, name, field_type, kind))
        model_field = MODEL.records[node].fields.get(name)
        wanted = model_field.vocabulary if model_field else None
        if wanted:  # a vocabulary field takes its vocabulary's keys, whatever the column says
            _need(vocabulary in (None, wanted), where, f"{node}.{name} takes keys of {wanted}, "
                  f"not of {vocabulary}")
            vocabulary = wanted
    if vocabulary:
        for text, key in values.items():
            _need(key in choices(vocabulary), where, f"{text!r} maps to {key!r}, not a key of "
                  f"{vocabulary}")
    return PropertySpec(safe_name(column), raw.get("label"), target, languages, kind, vocabulary,
                        {value_key(k): v for k, v in values.items()}, tuple(values.items()))


def _mismatch(node: str, target: str, field_type: str, kind: str) -> str:
    """Why a column of ``kind`` cannot fill a field of ``field_type``, and what would."""
    fitting = [k for k, types in FILLS.items() if field_type in types]
    if kind == "multiple":
        return (f"type: multiple gives several values; {node}.{target} holds one "
                f"({field_type}): give a list field (e.g. name_variants) or another type")
    return (f"{node}.{target} holds {field_type} values, which a {kind} column does not give: "
            f"give type: {' or '.join(fitting)}")


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
    schema = NODE_SCHEMAS[node]()
    for key, value in spec.constants.items():
        _need(key in schema.fields and key not in ("record", "uid"), f"{where}.set",
              f"{node} has no field {key!r}")
        _not_managed(node, key, f"{where}.set")
        try:
            schema.fields[key].deserialize(value)
        except ValidationError as exc:
            raise MappingError(f"{where}.set.{key}: {value!r}: "
                               f"{' '.join(map(str, exc.messages))}") from exc
    for column, prop in (raw.get("properties") or {}).items():
        spec.properties[safe_name(column)] = _property(column, prop, node,
                                                       f"{where}.properties.{column}", default_language)
    _filled_once(spec, where)
    _required_given(spec, where)
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


def _filled_once(spec: TemplateSpec, where: str) -> None:
    """A single-valued field is filled by one column: of two, the second would silently
    overwrite the first on every row (constants, ``set``, are defaults a column overrides)."""
    fills: dict[str, str] = {}
    for lang, target in spec.title.items():
        fills.setdefault(target, f"title ({lang})")
    for column, prop in spec.properties.items():
        for lang, target in ({None: prop.target} if prop.target else prop.languages).items():
            name = f"properties.{column}" + (f" ({lang})" if lang else "")
            if target in fills and _field_type(spec.node, target) not in LIST_TYPES:
                raise MappingError(f"{where}.{name}: {fills[target]} fills {spec.node}.{target} "
                                   "too, and it holds one value: one would overwrite the other")
            fills.setdefault(target, name)


def _required_given(spec: TemplateSpec, where: str) -> None:
    """Every field a record of the template requires has a column or a constant: else every
    row would fail. (A column may still be empty in a row: that row's problem, named.)"""
    given = set(spec.constants) | set(spec.title.values())
    for prop in spec.properties.values():
        given |= {prop.target} | set(prop.languages.values())
    given |= {"lat", "lon"} if "coords" in given else set()
    defaulted = {"uid", "roles"} | ({"terms_of_use"} if spec.node == "Source" else set())
    required = [f.name for f in MODEL.records[spec.node].fields.values()
                if f.required and f.interchange]
    for name in required:
        _need(name in given or name in defaulted, where, f"{spec.node} needs {name}: map a "
              f"column to it (properties) or give it for every row (set: {{{name}: ...}})")


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
