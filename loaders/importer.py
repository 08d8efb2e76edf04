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

The steps are modules of ``loaders.importing``: ``read`` (the input as numbered records),
``validate`` (everything checked, nothing written) and ``write`` (the batches); this
module runs them in order, between the audit log's entries.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from graph import audit
from graph.consent import screening
from loaders.errors import LoadError, Problem
from loaders.importing.read import CsvDirectory, csv_problem, describe_input, read_records
from loaders.importing.validate import Parsed, check_references, parse
from loaders.importing.write import Written, write

#: The audit log's actor when a caller names none (tests, benchmarks): the CLI always does.
SYSTEM = "system"
#: ``progress``: False; True for progress bars on stderr; or a function given, after each
#: batch commits, how many records it wrote (and once how many repeats of a relationship
#: in the input were folded into one), e.g. to act at a known point of an import.
Progress = bool | Callable[[int], None]
log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    path: str
    nodes: Counter = field(default_factory=Counter)
    #: Files an Uwazi import zip's rows name (loaders.uwazi.files), and the Source they go to.
    files: list = field(default_factory=list)
    files_source: str | None = None
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
        """What the import did, truthfully: a re-import of the same file says it changed
        nothing, not that it wrote everything again."""
        rate = self.records / self.seconds if self.seconds else 0
        done = self.written
        nodes = (done.created, done.updated, done.unchanged)
        rels = (done.relationships_new(), done.relationships_updated,
                done.relationships_unchanged)
        lines = [f"{self.path}: {sum(self.nodes.values())} nodes and "
                 f"{sum(self.relationships.values())} relationships checked and merged in "
                 f"{self.seconds:.1f} s ({rate:,.0f} records/s)",
                 f"  nodes: {_outcome(*nodes)}", f"  relationships: {_outcome(*rels)}"]
        if self.records and not done.changed_anything():
            lines.append("  nothing changed: the vault already held every record as it is")
        lines += [f"  {label}: {n}{_detail(label, *nodes)}"
                  for label, n in sorted(self.nodes.items())]
        lines += [f"  {rtype}: {n}{_detail(rtype, *rels)}"
                  for rtype, n in sorted(self.relationships.items())]
        lines += [f"  warning: {w}" for w in self.warnings]
        if self.audit:
            lines.append(f"  audit log: entries {self.audit[0]} (started) and "
                         f"{self.audit[1]} (finished)")
        return "\n".join(lines)


def _outcome(created: Counter, updated: Counter, unchanged: Counter) -> str:
    return (f"{sum(created.values())} created, {sum(updated.values())} updated, "
            f"{sum(unchanged.values())} unchanged")


def _detail(key: str, created: Counter, updated: Counter, unchanged: Counter) -> str:
    """`` (2 created, 1 unchanged)``: the parts that are not zero, when there is more than
    one outcome or it is not a creation."""
    parts = [(created[key], "created"), (updated[key], "updated"), (unchanged[key], "unchanged")]
    parts = [f"{n} {what}" for n, what in parts if n]
    return "" if parts == [f"{created[key]} created"] else f" ({', '.join(parts)})"


def import_file(driver: Driver, path: Path, database: str = "neo4j", batch_size: int = 2000,
                progress: Progress = False,
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
                   database: str = "neo4j", batch_size: int = 2000, progress: Progress = False,
                   after: Callable[[Driver, str, list[str]], None] | None = None,
                   warnings: list[str] | None = None,
                   explain: Callable[[Problem], Problem] | None = None,
                   actor: str = SYSTEM, source: dict | None = None) -> ImportReport:
    """Validate ``(line, record)`` pairs from any reader (``name`` says where they came
    from), then write them, as :func:`import_file` does. ``explain`` may reword problems
    in the reader's terms (e.g. a CSV column instead of a record field). ``actor`` and
    ``source`` (what :func:`describe_input` says of the input) go to the audit log."""
    source = source or {"file": Path(name).name}
    started = time.monotonic()
    with _without_cycle_collector():
        parsed = _validated(driver, database, rows, name, progress, explain)
        report = _audited_write(driver, database, parsed, name, batch_size, progress, after,
                                actor, source, started)
    report.warnings = warnings if warnings is not None else report.warnings
    return report


def _validated(driver: Driver, database: str, rows: Iterable[tuple[int, dict | Problem]],
               name: str, progress: Progress,
               explain: Callable[[Problem], Problem] | None) -> Parsed:
    """Every record read and checked; :class:`LoadError` (nothing written) if any is not."""
    if progress is True:  # validation of a large file takes minutes: show it too
        rows = _progress_bar(None, f"validating {Path(name).name}", rows)
    parsed = parse(rows)
    if not parsed.problems:
        check_references(driver, database, parsed)
    if parsed.problems:
        problems = [explain(p) for p in parsed.problems] if explain else parsed.problems
        problems.sort(key=lambda p: p.line)
        raise LoadError(name, problems)
    return parsed


def _audited_write(driver: Driver, database: str, parsed: Parsed, name: str, batch_size: int,
                   progress: Progress, after: Callable[[Driver, str, list[str]], None] | None,
                   actor: str, source: dict, started: float) -> ImportReport:
    """The validated records written between the audit log's ``import.started`` and
    ``import.finished`` entries (``import.failed`` if writing raised), and ``after`` run on
    them. When they hold persons, the free-text gate's names revision is bumped before and
    after the writes: even a crash half-way leaves its cache stale, never trusted."""
    report = ImportReport(name)
    subject = source["file"]
    first = audit.append(driver, actor, "import.started", subject, database=database, **source,
                         records={"nodes": dict(Counter(label for _, label, _ in
                                                        parsed.nodes.values())),
                                  "relationships": dict(Counter(rel["type"] for _, rel in
                                                                parsed.rels))})
    total = len(parsed.nodes) + len(parsed.rels)
    bar = _progress_bar(total, f"loading {Path(name).name}") if progress is True else None
    tick = bar.update if bar else progress if callable(progress) else (lambda n: None)
    written = report.written
    report.people = [uid for uid, (_, label, _) in parsed.nodes.items() if label == "Person"]
    try:
        if report.people:
            screening.names_changed(driver, database)
        write(driver, database, parsed, batch_size, tick, written)
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
    report.nodes = written.nodes
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
    millions held at each of its passes (docs/performance.md). Imports in several threads
    share one pause."""
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
