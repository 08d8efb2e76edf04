"""Export a store in the interchange format (JSON Lines, or a directory of CSV files),
the inverse of the importer.

Derived properties (search keys, points) are turned back into the fields they
came from, so import -> export -> import gives the same graph.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from neo4j import Driver
from neo4j.spatial import Point
from neo4j.time import Date, DateTime

from graph import encryption, queries
from graph.model import MODEL
from graph.vocabularies import PERSON_ROLES
from loaders.csv_layout import CSV_FILES, LIST_FIELDS, LIST_SEPARATOR, REL_OWN_COLUMNS, columns
from loaders.records import NODE_SCHEMAS

#: Stored but not part of the format: derived on import (graph/model: ``interchange: false``).
DERIVED = frozenset(name for rtype in MODEL.records.values() for name, spec in rtype.fields.items()
                    if not spec.interchange)


def _plain(value):
    if isinstance(value, Date | DateTime):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def node_record(labels: list[str], props: dict, opened: bool = False) -> dict:
    """A stored node as an interchange record; ``opened``: its encrypted fields opened with
    the process's key (graph/encryption.py), else as stored (sealed)."""
    label = next(lbl for lbl in labels if lbl in NODE_SCHEMAS)
    if opened and label in encryption.ENCRYPTED:
        props = encryption.active().open_props(label, props)
    record = {"record": label}
    if label == "Person":
        record["roles"] = [lbl for lbl in PERSON_ROLES if lbl in labels]
    for key, value in sorted(props.items()):
        if key in DERIVED:
            continue
        if isinstance(value, Point):
            record["lat"], record["lon"] = value.y, value.x
            continue
        record[key] = _plain(value)
    return record


def rel_record(row: dict) -> dict:
    props = dict(row["props"])
    record = {"record": "rel", "type": row["type"], "from": row["from"], "to": row["to"]}
    key = props.pop("key", "")
    if key:
        record["key"] = key
    sources = props.pop("sources", None)
    if sources:
        record["sources"] = list(sources)
    if "synthetic" in props:
        record["synthetic"] = props.pop("synthetic")
    if props:
        record["props"] = {k: _plain(v) for k, v in sorted(props.items())}
    return record


def records(driver: Driver, database: str = "neo4j", opened: bool = False) -> Iterator[dict]:
    """Every record of a store. The vault's encrypted fields stay sealed unless ``opened``:
    an export file is as safe as the store (it imports back into a vault with the key)."""
    with driver.session(database=database) as session:
        for row in session.run(queries.text("export/stream_nodes")):
            yield node_record(row["labels"], row["props"], opened)
        for row in session.run(queries.text("export/stream_relationships")):
            yield rel_record(row.data())


def export_jsonl(driver: Driver, path: Path, database: str = "neo4j",
                 opened: bool = False) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for record in records(driver, database, opened):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


class ExportError(Exception):
    """A store holds something the chosen format cannot carry without loss."""


def _cell(record: dict, column: str, value) -> str:
    """One CSV cell; refuses a value the importer would read back differently."""
    where = record.get("uid") or f"{record['type']} {record['from']} -> {record['to']}"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in LIST_FIELDS:
        items = [str(v) for v in value]
        for item in items:
            if LIST_SEPARATOR in item or item != item.strip() or not item:
                raise ExportError(f"{where}: {column} item {item!r} cannot be written to CSV "
                                  f"(empty, padded, or containing {LIST_SEPARATOR!r}); "
                                  "export JSON Lines instead")
        return LIST_SEPARATOR.join(items)
    if isinstance(value, list | dict):
        raise ExportError(f"{where}: {column} holds a {type(value).__name__}; "
                          "export JSON Lines instead")
    text = str(value)
    if text != text.strip():
        raise ExportError(f"{where}: {column} has leading or trailing spaces, which a CSV "
                          "import trims; export JSON Lines instead")
    return text


def csv_row(record: dict) -> tuple[str, list[str]]:
    """The record type and the cells of one interchange record, in ``columns`` order.
    A field with no column is an error, never silently dropped."""
    record_type = record["record"]
    flat = dict(record)
    flat.pop("record")
    if record_type == "rel":
        props = flat.pop("props", {})
        clash = set(props) & {*REL_OWN_COLUMNS, "synthetic"}
        if clash:
            raise ExportError(f"relationship property {sorted(clash)} clashes with a column")
        flat.update(props)
    cols = columns(record_type)
    extra = set(flat) - set(cols)
    if extra:
        raise ExportError(f"{record.get('uid', record_type)}: no CSV column for "
                          f"{', '.join(sorted(extra))}")
    return record_type, [_cell(record, c, flat.get(c)) for c in cols]


def export_csv(driver: Driver, directory: Path, database: str = "neo4j",
               opened: bool = False) -> Counter:
    """Write a store as one CSV file per record type (``CSV_FILES``) into ``directory``:
    UTF-8, a header row, lists joined with ``|``. Every file is written, with its header,
    even when the store has no record of its type. Returns rows written per record type."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    handles = {t: (directory / name).open("w", encoding="utf-8", newline="")
               for t, name in CSV_FILES.items()}
    try:
        writers = {t: csv.writer(h, lineterminator="\n") for t, h in handles.items()}
        for record_type, writer in writers.items():
            writer.writerow(columns(record_type))
        for record in records(driver, database, opened):
            record_type, cells = csv_row(record)
            writers[record_type].writerow(cells)
            counts[record_type] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts
