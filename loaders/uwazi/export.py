"""The public graph in Uwazi's CSV form, under the same mapping file as the import.

Why from the public graph: an export leaves the organisation, so it may hold only
what the consent policy cleared; reading the public graph makes that true by
construction.

Why Uwazi's own layout: a file that looks like the one Uwazi exports is one an Uwazi
user recognises and Uwazi's import reads. Uwazi's exporter (huridocs/uwazi,
``app/api/csv/csvExporter.ts``, ``prependCommonHeaders`` / ``concatCommonHeaders`` /
``processCommonField``; ``app/api/csv/typeFormatters.ts``; ``csvDefinitions.ts``) writes:

* ``Title``, ``Date added``, ``Template`` first; then one column per property of the
  exported templates (their union, each once, headed by the property's label); then
  ``Documents``, ``Attachments``, ``Published`` last;
* ``Published`` or ``Unpublished`` for the publication flag -- the one yes/no Uwazi
  writes: it has no boolean property type (a yes/no is a select over a two-value
  thesaurus, huridocs/uwazi#26), so a boolean field is written as that select's
  label, ``Yes`` or ``No``;
* dates ``YYYY-MM-DD`` (its default ``dateFormat``), a range ``from~to``
  (``dateRangeExportSeparator``), several values joined by ``|``
  (``multiValueSeparator``), a nested thesaurus value ``Parent::Child``
  (``dictionaryParentChildSeparator``), a geolocation ``lat|lon``, a link
  ``label|url``, a relationship the titles of the entities linked to.

What we write in those columns: ``Date added`` is empty (the graph does not record when
a record was added, and Uwazi's import sets its own), ``Documents`` and ``Attachments``
are empty (files are not exported), and every row is ``Published``: it is in the public
graph. A date keeps the precision it has here (``1995`` for a year, which Uwazi's import
reads as a year; a month as its first and last day, ``from~to``). Beyond Uwazi's
export, which is in one language, a multilingual title or property adds its
``<column>__<code>`` columns (Uwazi's import reads them), and the mapping's id column
holds the uid, so that a re-import finds the same records. Export -> import under
the same mapping gives the same records.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from neo4j import Driver
from neo4j.spatial import Point

from graph import queries
from loaders.uwazi.mapping import MappingError, PropertySpec, TemplateSpec, UwaziMapping
from loaders.uwazi.parse import MULTI, DateValue, format_date, safe_name

#: Uwazi's common columns (csvExporter.ts), before and after the properties.
FIRST = ("Title", "Date added", "Template")
LAST = ("Documents", "Attachments", "Published")
#: How Uwazi writes its publication flag (processCommonField), and a yes/no select.
PUBLISHED, YES, NO = "Published", "Yes", "No"

Column = tuple[str, str | None]  # (property name as the mapping reads it, language or None)


def _native(value):
    return value.to_native() if hasattr(value, "to_native") else value


def _cell(prop: PropertySpec, value) -> str:
    if value is None:
        return ""
    if isinstance(value, Point):
        return f"{value.y}{MULTI}{value.x}"
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        item = _native(item)
        if isinstance(item, bool):
            item = YES if item else NO
        elif prop.select:
            item = prop.export_value(item)
        out.append(item.isoformat() if hasattr(item, "isoformat") else str(item))
    return MULTI.join(out)


def columns(spec: TemplateSpec, mapping: UwaziMapping) -> list[Column]:
    """The property columns of a template, in export order: its id column, the title's
    other languages, its properties, events, relationships and links."""
    cols: list[Column] = [(spec.id_column, None)]
    cols += [("title", lang) for lang in spec.title if lang != mapping.default_language]
    for column, prop in spec.properties.items():
        if prop.languages:
            cols += [(column, None if lang == mapping.default_language else lang)
                     for lang in prop.languages]
        else:
            cols.append((column, None))
    for column, event in spec.events.items():
        cols.append((column, None))
        if event.kind_column:
            cols.append((event.kind_column.column, None))
        if event.summary:
            cols += [(event.summary.column, None if lang == mapping.default_language else lang)
                     for lang in event.summary.languages]
        cols += [(c, None) for c in (*event.places, *event.perpetrators)]
    cols += [(c, None) for c in (*spec.relationships, *spec.links)]
    return list(dict.fromkeys(cols))


def header(spec: TemplateSpec, column: Column) -> str:
    """A column's header: the property's label if the mapping gives one (Uwazi's export
    heads a column with the label; its import matches a label or a name), else its name;
    a language as Uwazi's ``__<code>`` suffix."""
    name, lang = column
    if name == "title":
        text = "Title"
    else:
        text = spec.columns().get(name) or name
    return f"{text}__{lang}" if lang else text


def _row(spec: TemplateSpec, mapping: UwaziMapping, record: dict) -> dict[Column, str]:
    props, out = record["props"], {}
    # the id column gives back the uid on re-import: uw-victim-FP-1 -> FP-1 (a uid made
    # from the title is made again from it)
    prefix = f"{mapping.uid_prefix}-{safe_name(spec.name)}-"
    uid = record["uid"]
    suffix = uid[len(prefix):] if uid.startswith(prefix) else uid
    out[(spec.id_column, None)] = "" if re.fullmatch(r"t[0-9a-f]{12}", suffix) else suffix
    for lang, target in spec.title.items():
        value = props.get(target)
        if isinstance(value, list):  # a title language kept in a list field: its first value
            value = value[0] if value else None
        out[("title", None if lang == mapping.default_language else lang)] = value or ""
    for column, prop in spec.properties.items():
        if prop.languages:
            for lang, target in prop.languages.items():
                out[(column, None if lang == mapping.default_language else lang)] = \
                    _cell(prop, props.get(target))
        elif prop.target == "coords":
            out[(column, None)] = _cell(prop, props.get("coords"))
        elif prop.target == "date":
            out[(column, None)] = _date_of(props)
        else:
            out[(column, None)] = _cell(prop, props.get(prop.target))
    claimed: set[str] = set()
    fixed = [(c, e) for c, e in spec.events.items() if e.kind]
    free = [(c, e) for c, e in spec.events.items() if not e.kind]
    for column, event in fixed + free:
        mine = [e for e in record["events"] if e["uid"] not in claimed
                and (event.kind is None or e["kind"] == event.kind)]
        claimed |= {e["uid"] for e in mine}
        mine.sort(key=lambda e: (str(e.get("date_start")), e["uid"]))
        dated = [e for e in mine if _date_of(e)]
        out[(column, None)] = MULTI.join(_date_of(e) for e in dated)
        if event.kind_column and mine:
            # one kind serves every date; different kinds go one per date, in the dates'
            # order, as the import pairs them
            kinds = [event.kind_column.export_value(e["kind"]) for e in (dated or mine)]
            out[(event.kind_column.column, None)] = \
                kinds[0] if len(set(kinds)) == 1 else MULTI.join(kinds)
        if event.summary and mine:
            for lang, target in event.summary.languages.items():
                out[(event.summary.column, None if lang == mapping.default_language else lang)] = \
                    mine[0].get(target) or ""
        for key, cols in (("places", event.places), ("perpetrators", event.perpetrators)):
            titles = list(dict.fromkeys(t for e in mine for t in e[key] if t))
            for c in cols:
                if c not in spec.relationships:
                    out[(c, None)] = MULTI.join(titles)
    for column, rel in spec.relationships.items():
        edges = record["incoming" if rel.reverse else "outgoing"]
        titles = [e["title"] for e in edges if e["type"] == rel.type]
        out[(column, None)] = MULTI.join(dict.fromkeys(sorted(titles)))
    for column in spec.links:
        links = sorted(record["links"], key=lambda s: s["uid"])
        out[(column, None)] = f"{links[0].get('title') or ''}{MULTI}{links[0]['url']}" if links else ""
    return out


def _date_of(props: dict) -> str:
    start, end = _native(props.get("date_start")), _native(props.get("date_end"))
    if not (start or end):
        return ""
    precision = props.get("date_precision") or ("day" if start == end else "range")
    return format_date(DateValue(start, end or start, precision))


def _templates(mapping: UwaziMapping, templates: str | Iterable[str] | None) -> list[TemplateSpec]:
    names = [templates] if isinstance(templates, str) else list(templates or mapping.templates)
    specs: dict[str, TemplateSpec] = {}
    for name in names:
        spec = mapping.template(name)
        if spec is None:
            raise MappingError(f"template {name!r} is not in the mapping "
                               f"({', '.join(mapping.templates)})")
        specs.setdefault(spec.name, spec)
    return list(specs.values())


def export_uwazi(public: Driver, mapping: UwaziMapping, template: str | Iterable[str] | None,
                 path: Path | str, database: str = "neo4j") -> int:
    """Write the public graph's records of ``template`` (a name, several, or None: every
    template of the mapping) as one Uwazi CSV; returns the row count."""
    specs = _templates(mapping, template)
    # the union of the templates' columns, each once (as Uwazi's processHeaders does),
    # a column shared by two templates (the same header) written once
    headers: dict[str, list[tuple[TemplateSpec, Column]]] = {}
    for spec in specs:
        for column in columns(spec, mapping):
            headers.setdefault(header(spec, column), []).append((spec, column))
    names = [*FIRST, *(h for h in headers if h not in FIRST + LAST), *LAST]
    count, written = 0, set()
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for spec in specs:
            role = spec.roles[0] if spec.node == "Person" and spec.roles else None
            for record in queries.run(public, "interop/stream_rows", database=database,
                                      label=spec.node, role=role):
                if record["uid"] in written:  # two templates of one node type: the first
                    continue
                written.add(record["uid"])
                values = _row(spec, mapping, record)
                cells = {"Title": values.get(("title", None), ""), "Date added": "",
                         "Template": spec.label or spec.name, "Documents": "",
                         "Attachments": "", "Published": PUBLISHED}
                for name, owners in headers.items():
                    for owner, column in owners:
                        if owner is spec:
                            cells[name] = values.get(column, "")
                writer.writerow([cells.get(name, "") for name in names])
                count += 1
    return count
