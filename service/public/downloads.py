"""Bulk downloads of the public graph: JSON Lines (the interchange format), CSV
(one table per record type, alone or zipped together) and GraphML.

Each function resolves the public driver when it is called and returns a
generator that streams from one read session, so a large graph is never held
in memory and a Flask view can hand the generator straight to a Response.
Only what the publication pipeline wrote is there to stream; bookkeeping
(generation, provenance fields, derived search keys) is left out, so the JSON
Lines file imports cleanly with ``footprints load``.
"""

from __future__ import annotations

import csv as csvlib
import io
import json
import re
import zipfile
from collections.abc import Iterator

from neo4j import READ_ACCESS, Driver

from graph import queries
from graph.consent.policy import EVENT_TEXT_FIELDS, PUBLIC_FIELDS, PUBLIC_REL_FIELDS
from graph.publication import DERIVED_FIELDS
from graph.vocabularies import PERSON_ROLES
from loaders.exporter import node_record, rel_record
from service.public.shape import plain, primary_label
from service.stores import public_driver

#: Properties of the public graph that are not interchange data.
NOT_EXPORTED = frozenset({"generation", "cleared_consent_on", "cleared_by_family",
                          "cleared_sources", "search_keys", *DERIVED_FIELDS})
#: CSV tables: name -> primary label (``relationships`` is the edge table).
CSV_TABLES = {"persons": "Person", "perpetrators": "PerpetratorBody", "locations": "Location",
              "events": "Event", "proceedings": "Proceeding", "instruments": "Instrument",
              "resources": "Resource", "sources": "Source", "organizations": "Organization",
              "relationships": None}
REL_COLUMNS = ("type", "from", "to", *PUBLIC_REL_FIELDS)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _store(driver: Driver | None, database: str | None) -> tuple[Driver, str]:
    if driver is None:
        driver, default = public_driver()
        database = database or default
    return driver, database or "neo4j"


def _rows(driver: Driver, database: str, name: str, **params) -> Iterator[dict]:
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        yield from (r.data() for r in session.run(queries.text(name), params))


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if k not in NOT_EXPORTED}


def jsonl(driver: Driver | None = None, database: str | None = None) -> Iterator[str]:
    """The public graph as interchange JSON Lines: nodes first, then relationships."""
    driver, database = _store(driver, database)

    def generate() -> Iterator[str]:
        for row in _rows(driver, database, "public/stream_nodes", label=None):
            record = node_record(row["labels"], _clean(row["props"]))
            yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        for row in _rows(driver, database, "public/stream_relationships"):
            record = rel_record({**row, "props": _clean(row["props"])})
            yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"

    return generate()


def columns(table: str) -> tuple[str, ...]:
    """The CSV columns of ``table`` (a key of ``CSV_TABLES``)."""
    label = CSV_TABLES[table]
    if label is None:
        return REL_COLUMNS
    fields = [f for f in PUBLIC_FIELDS[label] if f not in NOT_EXPORTED]
    if label == "Person":
        fields.insert(1, "roles")
    if label == "Event":
        fields += EVENT_TEXT_FIELDS
    if "coords" in fields:
        i = fields.index("coords")
        fields[i:i + 1] = ["lat", "lon"]
    return tuple(fields)


def csv(table: str, driver: Driver | None = None, database: str | None = None) -> Iterator[str]:
    """One CSV table (header first); lists are joined with ``;``."""
    cols = columns(table)
    driver, database = _store(driver, database)

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csvlib.DictWriter(buffer, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        if CSV_TABLES[table] is None:
            rows = (_rel_cells(r) for r in _rows(driver, database, "public/stream_relationships"))
        else:
            rows = (_node_cells(r) for r in _rows(driver, database, "public/stream_nodes",
                                                  label=CSV_TABLES[table]))
        for count, cells in enumerate(rows):
            writer.writerow(cells)
            if count % 500 == 0:
                yield _drain(buffer)
        yield _drain(buffer)

    return generate()


def csv_zip(driver: Driver | None = None, database: str | None = None) -> Iterator[bytes]:
    """Every CSV table in one zip archive, streamed as it is written."""
    driver, database = _store(driver, database)

    def generate() -> Iterator[bytes]:
        sink = _Sink()
        with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in CSV_TABLES:
                with archive.open(f"{table}.csv", "w") as member:
                    for chunk in csv(table, driver, database):
                        member.write(chunk.encode("utf-8"))
                        yield sink.take()
        yield sink.take()

    return generate()


def graphml(driver: Driver | None = None, database: str | None = None) -> Iterator[str]:
    """The public graph as GraphML (every value a string; lists joined with ``;``)."""
    driver, database = _store(driver, database)
    node_keys = sorted({f for fields in PUBLIC_FIELDS.values() for f in fields} - NOT_EXPORTED
                       - {"coords"} | {"lat", "lon", *EVENT_TEXT_FIELDS})
    edge_keys = sorted(PUBLIC_REL_FIELDS)

    def generate() -> Iterator[str]:
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
               '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n')
        for k in node_keys:
            yield f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>\n'
        yield '  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
        for k in edge_keys:
            yield f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>\n'
        yield '  <graph id="footprints-public" edgedefault="directed">\n'
        for row in _rows(driver, database, "public/stream_nodes", label=None):
            cells = _node_cells(row)
            data = "".join(f'<data key="n_{k}">{_xml(cells[k])}</data>' for k in node_keys
                           if cells.get(k) not in (None, ""))
            yield (f'    <node id={_attr(row["uid"])}><data key="labels">'
                   f'{_xml(cells["labels"])}</data>{data}</node>\n')
        for n, row in enumerate(_rows(driver, database, "public/stream_relationships")):
            cells = _rel_cells(row)
            data = "".join(f'<data key="e_{k}">{_xml(cells[k])}</data>' for k in edge_keys
                           if cells.get(k) not in (None, ""))
            yield (f'    <edge id="e{n}" source={_attr(row["from"])} target={_attr(row["to"])}>'
                   f'<data key="type">{_xml(row["type"])}</data>{data}</edge>\n')
        yield "  </graph>\n</graphml>\n"

    return generate()


def _cell(value) -> str:
    value = plain(value)
    if isinstance(value, list):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _node_cells(row: dict) -> dict:
    props = _clean(row["props"])
    cells = {k: _cell(v) for k, v in props.items() if k != "coords"}
    point = props.get("coords")
    if point is not None:
        cells["lat"], cells["lon"] = str(point.y), str(point.x)
    label = primary_label(row["labels"])
    if label == "Person":
        cells["roles"] = ";".join(r for r in PERSON_ROLES if r in row["labels"])
    cells["labels"] = ";".join(lbl for lbl in row["labels"] if lbl not in ("Entity", "Public"))
    return cells


def _rel_cells(row: dict) -> dict:
    cells = {k: _cell(v) for k, v in _clean(row["props"]).items()}
    cells.update({"type": row["type"], "from": row["from"], "to": row["to"]})
    return cells


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_XML_INVALID.sub("", str(text)))


def _attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(_XML_INVALID.sub("", str(text)))


class _Sink(io.RawIOBase):
    """A write-only stream whose bytes are handed out as they arrive (zipfile writes
    to it without seeking, using data descriptors)."""

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self._chunks = b"".join(self._chunks), []
        return out
