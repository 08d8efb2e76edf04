"""The public graph in Uwazi's CSV form, under the same mapping file as the import.

Why from the public graph: an export leaves the organisation, so it may hold only
what the consent policy cleared; reading the public graph makes that true by
construction. The columns are those the mapping reads (and the id column, holding
the uid, so that a re-import finds the same records), so export -> import gives
the same records: vocabulary keys become the mapped Uwazi labels, several values
are joined with ``|``, dates keep their precision (``1995``, ``1995-12-17``, or
``from~to``, Uwazi's export form of a range), a geolocation is ``lat|lon`` and a
link ``label|url``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from neo4j import Driver
from neo4j.spatial import Point

from graph import queries
from loaders.uwazi.mapping import MappingError, PropertySpec, TemplateSpec, UwaziMapping
from loaders.uwazi.parse import MULTI, DateValue, format_date, safe_name


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
        if prop.select:
            item = prop.export_value(item)
        out.append(item.isoformat() if hasattr(item, "isoformat") else str(item))
    return MULTI.join(out)


def header(spec: TemplateSpec, mapping: UwaziMapping) -> list[tuple[str, str | None]]:
    """(column, language) pairs in export order."""
    cols: list[tuple[str, str | None]] = [(spec.id_column, None), ("title", None)]
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


def _row(spec: TemplateSpec, mapping: UwaziMapping, record: dict) -> dict[tuple[str, str | None], str]:
    props, out = record["props"], {}
    # the id column gives back the uid on re-import: uw-victim-FP-1 -> FP-1 (a uid made
    # from the title is made again from it)
    prefix = f"{mapping.uid_prefix}-{safe_name(spec.name)}-"
    uid = record["uid"]
    suffix = uid[len(prefix):] if uid.startswith(prefix) else uid
    out[(spec.id_column, None)] = "" if re.fullmatch(r"t[0-9a-f]{12}", suffix) else suffix
    for lang, target in spec.title.items():
        out[("title", None if lang == mapping.default_language else lang)] = props.get(target) or ""
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
        out[(column, None)] = MULTI.join(d for d in (_date_of(e) for e in mine) if d)
        if event.kind_column and mine:
            out[(event.kind_column.column, None)] = event.kind_column.export_value(mine[0]["kind"])
        if event.summary and mine:
            for lang, target in event.summary.languages.items():
                out[(event.summary.column, None if lang == mapping.default_language else lang)] = \
                    mine[0].get(target) or ""
        for key, columns in (("places", event.places), ("perpetrators", event.perpetrators)):
            titles = list(dict.fromkeys(t for e in mine for t in e[key] if t))
            for c in columns:
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


def export_uwazi(public: Driver, mapping: UwaziMapping, template: str, path: Path | str,
                 database: str = "neo4j") -> int:
    """Write the public graph's records of ``template`` as an Uwazi CSV; returns the row count."""
    spec = mapping.template(template)
    if spec is None:
        raise MappingError(f"template {template!r} is not in the mapping "
                           f"({', '.join(mapping.templates)})")
    role = spec.roles[0] if spec.node == "Person" and spec.roles else None
    rows = queries.run(public, "interop/stream_rows", database=database, label=spec.node, role=role)
    columns = header(spec, mapping)
    names = [c if lang is None else f"{c}__{lang}" for c, lang in columns]
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for record in rows:
            values = _row(spec, mapping, record)
            writer.writerow([values.get(c, "") for c in columns])
    return len(rows)
