"""Import interchange files (JSON Lines, CSV, or a directory of CSV files) into the vault.

Validate everything first, write afterwards: an invalid file writes nothing,
and each problem names its line (or CSV row), field and reason. Writes are
batched ``UNWIND`` + ``MERGE`` on ``uid`` (relationships on their ends, type
and key), so a re-run gives the same graph and an interrupted import can be
run again to completion. Each batch is one transaction: a crash never leaves a
half-written record.

Every import that gets past validation is in the audit log (graph/audit.py): an
``import.started`` entry (who, the file's name and sha256, what it holds) before
the first batch, and ``import.finished`` (what was created and updated) after the
last batch and the consent labelling, or ``import.failed`` if writing raised. A
crash between the two leaves the ``import.started`` alone: a visible trace that
records up to the whole file may have been written, which ``footprints audit
verify`` reports until the import is run again to its end.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import logging
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError
from neo4j import Driver
from neo4j.spatial import WGS84Point

from graph import audit, queries
from graph.consent import screening
from loaders.csv_layout import (
    CSV_FILES,
    LIST_FIELDS,
    LIST_SEPARATOR,
    REL_COLUMNS,
    REL_OWN_COLUMNS,
    record_type_of,
)
from loaders.errors import LoadError, Problem
from loaders.fastload import Compiled
from loaders.records import NODE_SCHEMAS, REL_TYPES, RelRecord

# Compiled: marshmallow's own results and errors, at a fraction of its cost per record.
REL_SCHEMA = Compiled(RelRecord)
SCHEMAS = {name: Compiled(cls) for name, cls in NODE_SCHEMAS.items()}
#: Node fields that name an Organization.
ORG_REFERENCES = {"owner", "submitted_by", "partner"}
#: The audit log's actor when a caller names none (tests, benchmarks): the CLI always does.
SYSTEM = "system"
log = logging.getLogger(__name__)


@dataclass
class Written:
    """What an import has written so far; kept when it fails part-way, for its audit entry."""

    created: Counter = field(default_factory=Counter)        # nodes new to the store, by label
    updated: Counter = field(default_factory=Counter)        # nodes it held: fields set again
    relationships: Counter = field(default_factory=Counter)  # by type, created or merged
    relationships_created: int = 0                           # of those, new (Neo4j's count)

    def details(self) -> dict:
        return {"nodes_created": dict(self.created), "nodes_updated": dict(self.updated),
                "relationships": dict(self.relationships),
                "relationships_created": self.relationships_created}


@dataclass
class ImportReport:
    path: str
    nodes: Counter = field(default_factory=Counter)
    relationships: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    written: Written = field(default_factory=Written)
    #: Sequence numbers of the import's ``import.started`` and ``import.finished`` entries.
    audit: tuple[int, int] | None = None
    #: The persons written: published text that names one of them must be checked again
    #: (graph.publication.republish_naming), since they may not be public.
    people: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.nodes.values()) + sum(self.relationships.values())

    def summary(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0
        lines = [f"{self.path}: {sum(self.nodes.values())} nodes, "
                 f"{sum(self.relationships.values())} relationships in {self.seconds:.1f} s "
                 f"({rate:,.0f} records/s)"]
        lines += [f"  {label}: {n}" for label, n in sorted(self.nodes.items())]
        lines += [f"  {rtype}: {n}" for rtype, n in sorted(self.relationships.items())]
        lines += [f"  warning: {w}" for w in self.warnings]
        if self.audit:
            lines.append(f"  audit log: entries {self.audit[0]} (started) and "
                         f"{self.audit[1]} (finished)")
        return "\n".join(lines)


def describe_input(path: Path, kind: str | None = None) -> dict:
    """What the audit log says about an import's input: its name (not where it lay on the
    operator's machine), its format, size and sha256 as the import began; for a directory
    of CSV files each file's sha256 and one sha256 over those."""
    path = Path(path)
    if path.is_dir():
        files = {p.name: file_sha256(p) for p in csv_files(path)}
        combined = hashlib.sha256("".join(f"{name}\0{digest}\n" for name, digest
                                          in files.items()).encode("utf-8")).hexdigest()
        return {"file": path.name, "format": kind or "csv directory", "sha256": combined,
                "files": files}
    return {"file": path.name, "format": kind or ("csv" if path.suffix.lower() == ".csv"
                                                  else "jsonl"),
            "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# -- reading ------------------------------------------------------------------
def read_jsonl(path: Path) -> Iterator[tuple[int, dict | Problem]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, Problem(number, "(line)", f"not valid JSON: {exc.msg}")
                continue
            if not isinstance(value, dict):
                yield number, Problem(number, "(line)", "a record must be a JSON object")
                continue
            yield number, value


def read_csv(path: Path, warnings: list[str]) -> Iterator[tuple[int, dict | Problem]]:
    """CSV rows as records: lists split on ``|``, empty cells omitted.

    The record type comes from a ``record`` column or the file name
    (``persons.csv``, ``relationships.csv``). Columns that no record type uses
    are reported, never silently dropped. Rows are numbered as a spreadsheet
    shows them: the header is row 1.
    """
    default_type = record_type_of(path.name)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        known = _known_csv_columns(default_type)
        unused = [c for c in header if known is not None and c not in known and c != "record"]
        if unused:
            warnings.append(f"unused columns in {path.name}: {', '.join(unused)}")
        for number, row in enumerate(reader, start=2):
            record_type = row.get("record") or default_type
            if not record_type:
                yield number, Problem(number, "record", "no record type (add a 'record' column "
                                                        "or name the file after the type)")
                continue
            yield number, _csv_row_to_record(record_type, row, unused)


def _known_csv_columns(record_type: str | None) -> set[str] | None:
    if record_type is None:
        return None
    if record_type == "rel":
        return set(REL_COLUMNS)
    return set(SCHEMAS[record_type].schema.fields)


def _csv_row_to_record(record_type: str, row: dict, unused: list[str]) -> dict:
    record: dict = {"record": record_type}
    props: dict = {}
    for column, value in row.items():
        if column in unused or column == "record" or value is None or value.strip() == "":
            continue
        value = value.strip()
        if column in LIST_FIELDS:
            value = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
        if record_type == "rel" and column not in (*REL_OWN_COLUMNS, "synthetic"):
            props[column] = value
        else:
            record[column] = value
    if record_type == "rel" and props:
        record["props"] = props
    return record


def csv_problem(problem: Problem, where: str) -> Problem:
    """A problem in a CSV's terms: the row (``where``) and the column, not a record field
    (``roles.1`` is column ``roles``, item 2; ``props.relation`` is column ``relation``)."""
    parts = problem.field.split(".")
    if parts[0] == "props" and len(parts) > 1:
        parts = parts[1:]
    column = {"(line)": "(row)"}.get(parts[0], parts[0])
    reason = problem.reason
    if len(parts) > 1 and parts[1].isdigit():
        reason = f"{reason} (item {int(parts[1]) + 1} of the list)"
    return Problem(problem.line, column, reason, where=where, item="column")


def csv_files(directory: Path) -> list[Path]:
    """The CSV files of a directory in the order an import reads them: the known record
    types first (see ``CSV_FILES``), then any other ``*.csv`` by name."""
    known = {name: rank for rank, name in enumerate(CSV_FILES.values())}
    return sorted(directory.glob("*.csv"), key=lambda p: (known.get(p.name, len(known)), p.name))


class CsvDirectory:
    """The rows of every CSV file in a directory as one input, numbered across files so
    that one validation covers them all; ``explain`` names each problem's file and row."""

    def __init__(self, directory: Path, warnings: list[str]) -> None:
        self.directory = directory
        self.warnings = warnings
        self.places: dict[int, tuple[str, int]] = {}

    def rows(self) -> Iterator[tuple[int, dict | Problem]]:
        number = 0
        files = csv_files(self.directory)
        if not files:
            yield 0, Problem(0, "(directory)", f"no *.csv files in {self.directory}")
        for path in files:
            for row, record in read_csv(path, self.warnings):
                number += 1
                self.places[number] = (path.name, row)
                if isinstance(record, Problem):
                    record = Problem(number, record.field, record.reason)
                yield number, record

    def explain(self, problem: Problem) -> Problem:
        name, row = self.places.get(problem.line, ("", problem.line))
        return csv_problem(problem, f"{name}, row {row}" if name else f"row {row}")


def read_records(path: Path, warnings: list[str]) -> Iterator[tuple[int, dict | Problem]]:
    if path.suffix.lower() == ".csv":
        return read_csv(path, warnings)
    return read_jsonl(path)


# -- validating ---------------------------------------------------------------
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
        if data["uid"] in parsed.nodes:
            first = parsed.nodes[data["uid"]][0]
            parsed.problems.append(Problem(number, "uid", f"duplicate uid {data['uid']!r} "
                                           f"(first on line {first})"))
            continue
        parsed.nodes[data["uid"]] = (number, kind, data)
    return parsed


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


# -- writing ------------------------------------------------------------------
_COMPACT = re.compile(r"[^0-9a-z\u00c0-\u024f]+")


def search_keys(data: dict) -> list[str]:
    """Compact forms of the Latin names (``Kim Jong-il`` -> ``kimjongil``, ``jongil``)."""
    keys: set[str] = set()
    for name in [data.get("name_en"), *data.get("name_variants", [])]:
        if not name or not name.isascii():
            continue
        words = [w for w in _COMPACT.split(name.lower()) if w]
        if len(words) > 1:
            keys.add("".join(words))
            keys.add("".join(words[1:]))
    return sorted(keys)


def node_row(label: str, data: dict) -> dict:
    """The labels and stored properties of a validated node record."""
    props = {k: v for k, v in data.items() if k not in ("record", "roles", "lat", "lon")}
    labels = [label]
    if label == "Person":
        labels += data["roles"]
        props["search_keys"] = search_keys(data)
    if label == "Location" and data.get("lat") is not None:
        props["coords"] = WGS84Point((data["lon"], data["lat"]))
    if label == "Event" and props.get("year") is None and data.get("date_start"):
        props["year"] = data["date_start"].year
    return {"uid": data["uid"], "labels": labels, "props": props}


def rel_row(rel: dict) -> dict:
    props = {**rel["props"], "sources": rel["sources"]}
    if "synthetic" in rel:
        props["synthetic"] = rel["synthetic"]
    return {"type": rel["type"], "from": rel["start"], "to": rel["end"], "key": rel["key"],
            "props": props}


def write(driver: Driver, database: str, parsed: Parsed, batch_size: int,
          progress: Callable[[int], None], written: Written | None = None) -> Written:
    """Write the records, each batch in its own transaction. Records new to the store are
    created: a relationship between two nodes created by this import cannot exist yet.
    The rest are merged, so a re-run, or a run after a crash, writes nothing twice.
    ``written`` (returned) counts each batch as it commits."""
    written = written if written is not None else Written()
    existing = set(labels_in_store(driver, database, list(parsed.nodes)))
    node_rows = [node_row(label, data) for _, label, data in parsed.nodes.values()]
    fresh: dict[tuple, dict] = {}
    merged = []
    for _, rel in parsed.rels:
        row = rel_row(rel)
        if row["from"] in existing or row["to"] in existing or not (
                row["from"] in parsed.nodes and row["to"] in parsed.nodes):
            merged.append(row)
            continue
        key = (row["from"], row["type"], row["to"], row["key"])
        if key in fresh:  # the same relationship twice in the file: as MERGE would
            fresh[key]["props"] = {**fresh[key]["props"], **row["props"]}
        else:
            fresh[key] = row
    new_nodes = [r for r in node_rows if r["uid"] not in existing]
    fresh_rels = list(fresh.values())
    # Created batches go two at a time: while Neo4j writes one, the driver packs and
    # sends the next (on 2 cores, about a third quicker than one at a time). Nodes
    # come first, all of them, so that every relationship finds its ends.
    for name, rows, counter in (("load/create_nodes", new_nodes, written.created),
                                ("load/create_relationships", fresh_rels, written.relationships)):
        _parallel(driver, database, name, rows, batch_size, counter, progress, written)
    with driver.session(database=database) as session:
        rows = [r for r in node_rows if r["uid"] in existing]
        for start in range(0, len(rows), batch_size):
            batch = rows[start:start + batch_size]
            session.execute_write(lambda tx, b=batch: queries.run_in(tx, "load/merge_nodes", rows=b))
            written.updated.update(r["labels"][0] for r in batch)
            progress(len(batch))
        progress(len(parsed.rels) - len(merged) - len(fresh_rels))  # repeats folded into one
        merge_rels = queries.text("load/merge_relationships")
        for number, batch in enumerate(_ramped(merged, batch_size)):
            # On a store with (almost) no relationships the planner checks MERGE's pattern
            # by scanning all relationships, and inside a large batch that scan grows with
            # every row written: a first batch of 5,000 took minutes. So the first batches
            # are small and force a new plan, made from the counts they leave behind.
            query = ("CYPHER replan=force " + merge_rels) if number < len(RAMP) + 1 else merge_rels
            summary = session.execute_write(lambda tx, b=batch, q=query: tx.run(q, rows=b).consume())
            written.relationships.update(r["type"] for r in batch)
            written.relationships_created += summary.counters.relationships_created
            progress(len(batch))
    return written


def _parallel(driver: Driver, database: str, name: str, rows: list[dict], batch_size: int,
              counter: Counter, progress: Callable[[int], None], written: Written,
              writers: int = 2) -> None:
    text = queries.text(name)

    def write_batch(batch: list[dict]) -> tuple[list[dict], int]:
        with driver.session(database=database) as session:
            summary = session.execute_write(lambda tx: tx.run(text, rows=batch).consume())
        return batch, summary.counters.relationships_created

    batches = [rows[i:i + batch_size] for i in range(0, len(rows), batch_size)]
    with ThreadPoolExecutor(max_workers=writers) as pool:
        for batch, relationships_created in pool.map(write_batch, batches):
            counter.update(r["labels"][0] if "labels" in r else r["type"] for r in batch)
            written.relationships_created += relationships_created
            progress(len(batch))


def labels_in_store(driver: Driver, database: str, uids: list[str]) -> dict[str, str]:
    """The primary label of each of ``uids`` the store holds, asked 10,000 at a time."""
    out: dict[str, str] = {}
    for start in range(0, len(uids), 10_000):
        for row in queries.run(driver, "load/match_entity_labels", database=database,
                               uids=uids[start:start + 10_000]):
            out[row["uid"]] = row["label"]
    return out


RAMP = (50, 500, 2000)


def _ramped(rows: list, batch_size: int) -> Iterator[list]:
    """``rows`` in batches that grow through ``RAMP`` to ``batch_size``."""
    start = 0
    for size in [min(r, batch_size) for r in RAMP if r < batch_size]:
        if start < len(rows):
            yield rows[start:start + size]
        start += size
    yield from (rows[i:i + batch_size] for i in range(start, len(rows), batch_size))


def import_file(driver: Driver, path: Path, database: str = "neo4j", batch_size: int = 2000,
                progress: bool = False,
                after: Callable[[Driver, str, list[str]], None] | None = None,
                actor: str = SYSTEM) -> ImportReport:
    """Validate ``path`` whole, then write it. Raises :class:`LoadError` and writes nothing
    if any record is invalid. ``after`` runs on the written uids (e.g. the consent policy).
    ``path`` may be a JSON Lines file, a CSV file or a directory of CSV files (one import:
    if any file is invalid, none is written). ``actor`` is who imports, for the audit log."""
    path = Path(path)
    source = describe_input(path)
    warnings: list[str] = []
    explain = None
    if path.is_dir():
        directory = CsvDirectory(path, warnings)
        rows: Iterable[tuple[int, dict | Problem]] = directory.rows()
        explain = directory.explain
    else:
        rows = read_records(path, warnings)
        if path.suffix.lower() == ".csv":
            def explain(problem: Problem) -> Problem:
                return csv_problem(problem, f"row {problem.line}")
    return import_records(driver, rows, str(path), database=database, batch_size=batch_size,
                          progress=progress, after=after, warnings=warnings, explain=explain,
                          actor=actor, source=source)


def import_records(driver: Driver, rows: Iterable[tuple[int, dict | Problem]], name: str,
                   database: str = "neo4j", batch_size: int = 2000, progress: bool = False,
                   after: Callable[[Driver, str, list[str]], None] | None = None,
                   warnings: list[str] | None = None,
                   explain: Callable[[Problem], Problem] | None = None,
                   actor: str = SYSTEM, source: dict | None = None) -> ImportReport:
    """Validate ``(line, record)`` pairs from any reader (``name`` says where they came
    from), then write them, as :func:`import_file` does. ``explain`` may reword problems
    in the reader's terms (e.g. a CSV column instead of a record field). ``actor`` and
    ``source`` (what :func:`describe_input` says of the input) go to the audit log."""
    source = source or {"file": Path(name).name}
    with _without_cycle_collector():
        return _import_records(driver, rows, name, database, batch_size, progress, after,
                               warnings, explain, actor, source)


def _import_records(driver: Driver, rows: Iterable[tuple[int, dict | Problem]], name: str,
                    database: str, batch_size: int, progress: bool,
                    after: Callable[[Driver, str, list[str]], None] | None,
                    warnings: list[str] | None,
                    explain: Callable[[Problem], Problem] | None,
                    actor: str, source: dict) -> ImportReport:
    started = time.monotonic()
    report = ImportReport(name)
    if progress:  # validation of a large file takes minutes: show it too
        rows = _progress_bar(None, f"validating {Path(name).name}", rows)
    parsed = parse(rows)
    report.warnings = warnings if warnings is not None else report.warnings
    if not parsed.problems:
        check_references(driver, database, parsed)
    if parsed.problems:
        problems = [explain(p) for p in parsed.problems] if explain else parsed.problems
        problems.sort(key=lambda p: p.line)
        raise LoadError(name, problems)
    total = len(parsed.nodes) + len(parsed.rels)
    subject = source["file"]
    first = audit.append(driver, actor, "import.started", subject, database=database, **source,
                         records={"nodes": dict(Counter(label for _, label, _ in
                                                        parsed.nodes.values())),
                                  "relationships": dict(Counter(rel["type"] for _, rel in
                                                                parsed.rels))})
    bar = _progress_bar(total, f"loading {Path(name).name}") if progress else None
    written = report.written
    report.people = [uid for uid, (_, label, _) in parsed.nodes.items() if label == "Person"]
    try:
        if report.people:  # before and after: even a crash halfway leaves the cache stale
            screening.names_changed(driver, database)
        write(driver, database, parsed, batch_size, bar.update if bar else (lambda n: None),
              written)
        if after:
            after(driver, database, list(parsed.nodes))
    except BaseException as exc:  # interrupted too: the log says the import did not finish
        _failed(driver, database, actor, subject, first, source, written, exc)
        raise
    finally:
        if report.people:
            screening.names_changed(driver, database)
        if bar:
            bar.close()
    report.nodes = written.created + written.updated
    report.relationships = Counter(written.relationships)
    report.seconds = time.monotonic() - started
    last = audit.append(driver, actor, "import.finished", subject, database=database,
                        started=first, sha256=source.get("sha256"), **written.details(),
                        seconds=round(report.seconds, 3))
    report.audit = (first, last)
    return report


def _failed(driver: Driver, database: str, actor: str, subject: str, first: int, source: dict,
            written: Written, exc: BaseException) -> None:
    """Append ``import.failed``; if the vault is gone (the usual reason), the lone
    ``import.started`` entry is the trace."""
    try:
        audit.append(driver, actor, "import.failed", subject, database=database, started=first,
                     sha256=source.get("sha256"), error=f"{type(exc).__name__}: {exc}"[:500],
                     **written.details())
    except Exception as again:  # noqa: BLE001 - the import's own error is the one to raise
        log.warning("could not log the failed import of %s: %s", subject, again)


_collector = {"lock": threading.Lock(), "holds": 0, "was_enabled": False}


@contextmanager
def _without_cycle_collector():
    """Pause Python's cycle collector while an import holds its records. They are trees of
    dicts and lists, freed by reference counting; the collector would walk all of the
    millions held at each of its passes (a third of the validation time at 50,000
    victims, more at 250,000). Imports in several threads share one pause."""
    with _collector["lock"]:
        if _collector["holds"] == 0:
            _collector["was_enabled"] = gc.isenabled()
            gc.disable()
        _collector["holds"] += 1
    try:
        yield
    finally:
        with _collector["lock"]:
            _collector["holds"] -= 1
            if _collector["holds"] == 0 and _collector["was_enabled"]:
                gc.enable()


def _progress_bar(total: int | None, label: str, iterable=None):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=label, unit="rec", file=sys.stderr, mininterval=0.5)
