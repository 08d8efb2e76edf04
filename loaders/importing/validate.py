"""Validating an import whole before anything is written: each record against its
schema (``loaders.records``, compiled by ``loaders.fastload``), uids unique in the file,
and every uid a record points to present, in the file or in the vault, with a fitting
label. Each problem names its line, field and reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from marshmallow import ValidationError
from neo4j import Driver

from graph import encryption, queries
from loaders.errors import Problem
from loaders.fastload import Compiled
from loaders.records import NODE_SCHEMAS, REL_TYPES, RelRecord

# Compiled: marshmallow's own results and errors, at a fraction of its cost per record.
REL_SCHEMA = Compiled(RelRecord)
SCHEMAS = {name: Compiled(cls) for name, cls in NODE_SCHEMAS.items()}
#: Node fields that name an Organization.
ORG_REFERENCES = {"owner", "submitted_by", "partner"}


def _problems_from(number: int, error: ValidationError, prefix: str = "") -> list[Problem]:
    out = []
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    for name, reasons in messages.items():
        if isinstance(reasons, dict):
            out += _problems_from(number, ValidationError(reasons), f"{prefix}{name}.")
            continue
        reasons = reasons if isinstance(reasons, list) else [reasons]
        for reason in reasons:
            if isinstance(reason, dict):
                out += _problems_from(number, ValidationError(reason), f"{prefix}{name}.")
            else:
                out.append(Problem(number, f"{prefix}{name}", str(reason)))
    return out


@dataclass
class Parsed:
    nodes: dict[str, tuple[int, str, dict]] = field(default_factory=dict)  # uid -> line, label, data
    rels: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse(rows: Iterable[tuple[int, dict | Problem]]) -> Parsed:
    parsed = Parsed()
    for number, raw in rows:
        if isinstance(raw, Problem):
            parsed.problems.append(raw)
            continue
        kind = raw.get("record")
        if kind == "rel":
            try:
                parsed.rels.append((number, REL_SCHEMA.load(raw)))
            except ValidationError as exc:
                parsed.problems += _problems_from(number, exc)
            continue
        schema = SCHEMAS.get(kind)
        if schema is None:
            parsed.problems.append(Problem(number, "record", f"unknown record type {kind!r}; "
                                           f"expected one of {', '.join([*SCHEMAS, 'rel'])}"))
            continue
        try:
            data = schema.load(raw)
        except ValidationError as exc:
            parsed.problems += _problems_from(number, exc)
            continue
        if kind in encryption.SEALABLE:
            problems = _sealed_problems(number, kind, data)
            if problems:
                parsed.problems += problems
                continue
        if data["uid"] in parsed.nodes:
            first = parsed.nodes[data["uid"]][0]
            parsed.problems.append(Problem(number, "uid", f"duplicate uid {data['uid']!r} "
                                           f"(first on line {first})"))
            continue
        parsed.nodes[data["uid"]] = (number, kind, data)
    return parsed


def _sealed_problems(number: int, kind: str, data: dict) -> list[Problem]:
    """A value given sealed (an export of this vault, graph/encryption.py) must open with
    the vault's key, for this record and field: one moved or changed is refused here."""
    keyring, out = encryption.active(), []
    for name in encryption.SEALABLE[kind]:
        value = data.get(name)
        items = value if isinstance(value, list) else [value]
        if any(encryption.is_sealed(v) for v in items):
            try:
                keyring.open_value(value, data["uid"], name)
            except encryption.Tampered as exc:
                out.append(Problem(number, name, str(exc)))
    return out


def check_references(driver: Driver, database: str, parsed: Parsed) -> None:
    """Every uid a record points to exists, in the file or in the vault, with a fitting label."""
    wanted: set[str] = set()
    for _, _, data in parsed.nodes.values():
        wanted.update(data[f] for f in ORG_REFERENCES if data.get(f))
    for _, rel in parsed.rels:
        wanted.update((rel["start"], rel["end"], *rel["sources"]))
    missing = sorted(u for u in wanted if u not in parsed.nodes)
    known = {u: label for u, (_, label, _) in parsed.nodes.items()}
    known.update(labels_in_store(driver, database, missing))

    def need(number: int, name: str, uid: str, labels: tuple[str, ...]) -> None:
        label = known.get(uid)
        if label is None:
            parsed.problems.append(Problem(number, name, f"no record with uid {uid!r}"))
        elif label not in labels:
            parsed.problems.append(Problem(number, name, f"{uid!r} is a {label}, "
                                           f"expected {' or '.join(labels)}"))

    for number, _, data in parsed.nodes.values():
        for name in ORG_REFERENCES:
            if data.get(name):
                need(number, name, data[name], ("Organization",))
    for number, rel in parsed.rels:
        starts, ends, _ = REL_TYPES[rel["type"]]
        need(number, "from", rel["start"], starts)
        need(number, "to", rel["end"], ends)
        for source in rel["sources"]:
            need(number, "sources", source, ("Source",))


def labels_in_store(driver: Driver, database: str, uids: list[str]) -> dict[str, str]:
    """The primary label of each of ``uids`` the store holds, asked 10,000 at a time."""
    out: dict[str, str] = {}
    for start in range(0, len(uids), 10_000):
        for row in queries.run(driver, "load/match_entity_labels", database=database,
                               uids=uids[start:start + 10_000]):
            out[row["uid"]] = row["label"]
    return out
