"""Uwazi interoperability: import an Uwazi CSV (or import zip) under a mapping file,
and export the public graph in Uwazi's CSV form.

Why: most organisations documenting these cases run HURIDOCS Uwazi. Moving in must
be one command, checked whole before anything is written, re-runnable, and must
not publish anyone: imported people enter as Confidential until an editor records
their consent. ``parse`` knows Uwazi's CSV conventions, ``mapping`` reads the
mapping file, ``convert`` (the file) and ``rows`` (each row) turn the CSV into
interchange records for ``loaders.importer``, ``export`` writes the public graph
back out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from neo4j import Driver

from graph import encryption, queries
from loaders.errors import LoadError, Problem
from loaders.importer import SYSTEM, ImportReport, import_records
from loaders.importing.read import describe_input
from loaders.uwazi.convert import convert
from loaders.uwazi.files import check as check_files
from loaders.uwazi.mapping import MappingError, UwaziMapping, load_mapping
from loaders.uwazi.parse import CellError, read_table

__all__ = ["MappingError", "import_uwazi", "load_mapping"]


def vault_titles(driver: Driver, database: str) -> Callable[[str, list[str]], dict[str, list[str]]]:
    """A title lookup in the vault: (node label, titles) -> {title: [uids]}."""

    def lookup(label: str, titles: list[str]) -> dict[str, list[str]]:
        labels = ["PerpetratorBody", "Official"] if label == "PerpetratorBody" else [label]
        out: dict[str, list[str]] = {}
        # A witness's or relative's names are sealed: found by the keyed hash of a title.
        keyring = encryption.active()
        by_hmac: dict[str, list[str]] = {}
        if label in encryption.SEALED_LABELS:
            for title in titles:
                for h in keyring.query_lookups(title):
                    by_hmac.setdefault(h, []).append(title)
        for row in queries.run(driver, "interop/match_titles", database=database, labels=labels,
                               titles=titles, by_hmac=by_hmac):
            out.setdefault(row["title"], []).append(row["uid"])
        return out

    return lookup


def vault_existing(driver: Driver, database: str) -> Callable[[list[str]], set[str]]:
    def existing(uids: list[str]) -> set[str]:
        rows = queries.run(driver, "load/match_entity_labels", database=database, uids=uids)
        return {r["uid"] for r in rows}

    return existing


def import_uwazi(driver: Driver, path: Path | str, mapping: UwaziMapping | Path | str,
                 database: str = "neo4j", template: str | None = None, batch_size: int = 2000,
                 progress: bool = False, actor: str = SYSTEM,
                 files_for: str | None = None) -> ImportReport:
    """Import an Uwazi CSV or import zip into the vault. Validated whole (problems name
    the row and column; nothing is written if there is any), written idempotently, then
    the consent policy labels what was written: no consent, no publication. The audit
    log gets ``actor``, the file's name and sha256, the mapping and the counts.

    The files an import zip's rows name are checked here with the rows (``files_for``, the
    organisation they are submitted for, is needed then); the report lists them
    (``files``) for ``loaders.uwazi.files.import_files`` to ingest once the records are in."""
    from graph.consent.apply import apply_policy

    if not isinstance(mapping, UwaziMapping):
        try:
            mapping = load_mapping(mapping)
        except MappingError as exc:
            raise LoadError(str(mapping), [Problem(0, "mapping", str(exc))]) from exc
    try:
        table = read_table(Path(path))
    except (CellError, UnicodeDecodeError) as exc:
        raise LoadError(str(path), [Problem(0, "(file)", str(exc))]) from exc
    conversion = convert(table, mapping, template, vault_titles(driver, database),
                         vault_existing(driver, database))
    kind = "uwazi zip" if Path(path).suffix.lower() == ".zip" else "uwazi csv"
    problems = check_files(Path(path), conversion.files, set(table.extra_files))
    if conversion.files and not files_for:
        problems.append(Problem(0, "organization", "the zip's rows name files: say which "
                                "organisation they are submitted for (--organization)"))
    if problems:  # a file the rows name is missing or refused: nothing is written
        raise LoadError(str(path), problems)
    source = {**describe_input(Path(path), kind), "mapping": mapping.name, "template": template}
    report = import_records(driver, conversion.records, str(path), database=database,
                            batch_size=batch_size, progress=progress,
                            after=lambda drv, db, uids: apply_policy(drv, db, uids),
                            warnings=conversion.warnings, explain=conversion.explain,
                            actor=actor, source=source)
    report.files, report.files_source = conversion.files, conversion.source_uid
    return report
