"""Export a store in the interchange format (JSON Lines), the inverse of the importer.

Derived properties (search keys, points) are turned back into the fields they
came from, so import -> export -> import gives the same graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from neo4j import Driver
from neo4j.spatial import Point
from neo4j.time import Date, DateTime

from graph import queries
from graph.vocabularies import PERSON_ROLES
from loaders.records import NODE_SCHEMAS

DERIVED = {"search_keys"}


def _plain(value):
    if isinstance(value, Date | DateTime):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def node_record(labels: list[str], props: dict) -> dict:
    label = next(lbl for lbl in labels if lbl in NODE_SCHEMAS)
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
    if props:
        record["props"] = {k: _plain(v) for k, v in sorted(props.items())}
    return record


def records(driver: Driver, database: str = "neo4j") -> Iterator[dict]:
    with driver.session(database=database) as session:
        for row in session.run(queries.text("export/stream_nodes")):
            yield node_record(row["labels"], row["props"])
        for row in session.run(queries.text("export/stream_relationships")):
            yield rel_record(row.data())


def export_jsonl(driver: Driver, path: Path, database: str = "neo4j") -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for record in records(driver, database):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
