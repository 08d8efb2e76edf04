"""Reading an import's input: JSON Lines, a CSV file or a directory of CSV files, as
``(line, record)`` pairs, a line that cannot be a record as a :class:`Problem` in its
place; and what the audit log says about the input (:func:`describe_input`)."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from loaders.csv_layout import (
    CSV_FILES,
    LIST_FIELDS,
    LIST_SEPARATOR,
    REL_COLUMNS,
    REL_OWN_COLUMNS,
    record_type_of,
)
from loaders.errors import Problem
from loaders.records import NODE_SCHEMAS


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
    return set(NODE_SCHEMAS[record_type]().fields)


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
