"""Rows of an Uwazi CSV -> interchange records, for the importer to validate and write.

Why the importer does the rest: validation of every record before anything is
written, batched ``MERGE`` on stable uids, reference checks against the vault --
all of that is ``loaders.importer``'s already. This module only understands the
CSV as a whole: which template a row is, which column feeds which property, which
columns nobody reads, and the titles relationship cells may name (in the file
first, then in the vault); ``loaders.uwazi.rows`` turns each row into records.
A title that names no entity, or more than one, is a problem of that row and
column: never guessed.

Uids are stable, so a re-import updates instead of duplicating: ``<prefix>-
<template>-<id>`` from the mapped id column (Uwazi's shared id), else a hash of
the title. Every imported node is supported by the mapping's import Source and
every fact cites it; a Source already in the vault is referenced, never
rewritten, so an editor's decision on its terms of use stands.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from loaders.errors import Problem
from loaders.uwazi.files import FileRef, column_indexes, refs_of_row
from loaders.uwazi.mapping import TemplateSpec, UwaziMapping
from loaders.uwazi.parse import (
    CellError,
    Table,
    parse_link,
    safe_name,
    split_header,
    split_multi,
)
from loaders.uwazi.rows import RowConverter, RowInfo, link_uid

#: Uwazi's own columns (not a template's properties) that are not imported, and why: those
#: its CSV export writes (``Date added``, ``Documents``, ``Attachments``, ``Published``:
#: huridocs/uwazi app/api/csv/csvExporter.ts) and its import reads (``file``,
#: ``attachments``). A template property of another name -- ``Language`` -- is an ordinary
#: property: unused if the mapping does not read it, and described as nothing else.
UWAZI_COLUMNS = {
    "date_added": "when the entity was added to Uwazi: a date of the collection, not of the case",
    "documents": "Uwazi's main files, as its export names them: import its zip instead, "
                 "whose file and attachments columns bring the files",
    "file": "Uwazi's main file: imported from an import zip only",
    "attachments": "Uwazi's attachments: imported from an import zip only",
    "published": "Uwazi's publication state: here consent decides publication",
}

#: (node label, titles) -> {title: [uids]}: existing vault entities with those titles.
TitleLookup = Callable[[str, list[str]], dict[str, list[str]]]
#: uids -> the ones that exist in the vault.
Existing = Callable[[list[str]], set[str]]


@dataclass
class Conversion:
    """What a CSV became: records (or problems) by row, and what to tell the user."""

    records: list[tuple[int, dict | Problem]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The files the rows name (an import zip's ``file`` and ``attachments`` columns).
    files: list[FileRef] = field(default_factory=list)
    #: The Source the import's records (and files) come from.
    source_uid: str | None = None
    field_columns: dict[int, dict[str, str]] = field(default_factory=dict)

    def problems(self) -> list[Problem]:
        return [r for _, r in self.records if isinstance(r, Problem)]

    def explain(self, problem: Problem) -> Problem:
        """A validation problem about a record field, renamed to the CSV column it came from."""
        column = self.field_columns.get(problem.line, {}).get(problem.field.split(".")[0])
        if column is None:
            return problem
        return Problem(problem.line, column, f"{problem.reason} ({problem.field})")


def stable_uid(prefix: str, template: str, id_value: str | None, title: str | None) -> str:
    base = f"{prefix}-{safe_name(template)}"
    if id_value:
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", id_value.strip()).strip("-")[:80]
        if slug:
            return f"{base}-{slug}"
    digest = hashlib.sha1(" ".join((title or "").split()).encode("utf-8")).hexdigest()[:12]
    return f"{base}-t{digest}"


@dataclass
class _Columns:
    """Where each property of a template is in the file: name -> {language or None: index}."""

    at: dict[str, dict[str | None, int]] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)

    def cell(self, cells: list[str], name: str, lang: str | None = None) -> tuple[str, str] | None:
        index = self.at.get(name, {}).get(lang)
        if index is None or index >= len(cells) or not cells[index].strip():
            return None
        return self.headers[index], cells[index].strip()

    def header_of(self, name: str, lang: str, default: str) -> str:
        """The header of a property's column in ``lang`` (for problems about its value)."""
        key = None if lang == default else lang
        index = self.at.get(name, {}).get(key)
        return self.headers[index] if index is not None else f"{name}__{lang}" if key else name


class Converter:
    """One conversion of one table under one mapping (see :func:`convert`)."""

    def __init__(self, table: Table, mapping: UwaziMapping, template: str | None,
                 lookup: TitleLookup, existing: Existing):
        self.table, self.mapping, self.lookup, self.existing = table, mapping, lookup, existing
        self.default_template = template
        self.out = Conversion()
        self.parsed_headers = [split_header(h) for h in table.headers]
        self.template_index = next((i for i, (n, lang) in enumerate(self.parsed_headers)
                                    if n == "template" and lang is None), None)
        self.columns: dict[str, _Columns] = {}
        #: Language columns of a property that has no field for their language: index ->
        #: language (reported as ignored, unless another template reads them).
        self.unread_languages: dict[int, str] = {}
        self.refused: set[int] = set()  # columns that are a problem of the header
        self.emitted: set[str] = set()
        self.source_uid = (mapping.source or {}).get("uid") or f"{mapping.uid_prefix}-source-import"

    # -- headers --------------------------------------------------------------------
    def _columns_for(self, spec: TemplateSpec) -> _Columns:
        if spec.name in self.columns:
            return self.columns[spec.name]
        wanted = spec.columns()
        by_label = {safe_name(lbl): name for name, lbl in wanted.items() if lbl}
        cols = _Columns(headers=self.table.headers)
        default = self.mapping.default_language
        for index, (name, lang) in enumerate(self.parsed_headers):
            prop = name if name in wanted else by_label.get(name)
            if prop is None:
                continue
            header = self.table.headers[index]
            languages = spec.languages_of(prop)
            # A bare column and one suffixed with the default language are the same column
            # (Uwazi accepts ``text_label__en`` on any text property); the mapping reads
            # the languages it has a field for, and the other language columns are
            # reported (an unmapped ``Title__es``), not fatal: they add no fact.
            key = None if lang in (None, default) else lang
            read = key in languages if key else (not languages or default in languages)
            if not read:
                self.unread_languages.setdefault(index, lang or default)
                continue
            if key in cols.at.get(prop, {}):
                other = self.table.headers[cols.at[prop][key]]
                both = lang == default or self.parsed_headers[cols.at[prop][key]][1] == default
                self._header_problem(header, f"{prop!r} appears with and without its default "
                                     "language suffix" if both else
                                     f"the same property as column {other!r}")
                self.refused.add(index)
                continue
            cols.at.setdefault(prop, {})[key] = index
        self.columns[spec.name] = cols
        return cols

    def _header_problem(self, header: str, reason: str) -> None:
        problem = Problem(1, header, reason)
        if problem not in [r for _, r in self.out.records]:
            self.out.records.append((1, problem))

    def _used_indexes(self) -> set[int]:
        return {i for cols in self.columns.values() for langs in cols.at.values()
                for i in langs.values()} | ({self.template_index} if self.template_index is not None
                                            else set())

    # -- rows -------------------------------------------------------------------------
    def _template_of(self, number: int, cells: list[str]) -> TemplateSpec | None:
        name = self.default_template
        if self.template_index is not None and self.template_index < len(cells) and \
                cells[self.template_index].strip():
            name = cells[self.template_index].strip()
        spec = self.mapping.template(name)
        if spec is None:
            header = self.table.headers[self.template_index] if self.template_index is not None \
                else "template"
            known = ", ".join(self.mapping.templates)
            reason = (f"template {name!r} is not in the mapping ({known})" if name
                      else f"which template? give --template (one of {known})")
            self.out.records.append((number, Problem(number, header, reason)))
        return spec

    def _first_pass(self) -> list[RowInfo]:
        rows = []
        for number, cells in self.table.rows:
            spec = self._template_of(number, cells)
            if spec is None:
                continue
            cols = self._columns_for(spec)
            titles = {}
            for lang in spec.title:
                hit = cols.cell(cells, "title", None if lang == self.mapping.default_language else lang)
                if hit:
                    titles[lang] = hit[1]
            if not titles:
                self.out.records.append((number, Problem(number, "title", "every row needs a title")))
                continue
            main = titles.get(self.mapping.default_language) or next(iter(titles.values()))
            id_cell = cols.cell(cells, spec.id_column)
            uid = stable_uid(self.mapping.uid_prefix, spec.name, id_cell[1] if id_cell else None, main)
            rows.append(RowInfo(number, cells, spec, uid, titles))
        return rows

    def _title_index(self, rows: list[RowInfo]) -> dict[str, dict[str, set[str]]]:
        index: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in rows:
            for title in row.titles.values():
                index[row.template.node][title].add(row.uid)
        wanted: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for column, target in self._reference_columns(row.template):
                hit = self.columns[row.template.name].cell(row.cells, column)
                if hit:
                    wanted[target].update(split_multi(hit[1]))
        for label, titles in wanted.items():
            for title, uids in self.lookup(label, sorted(titles)).items():
                index[label][title].update(uids)
        return index

    @staticmethod
    def _reference_columns(spec: TemplateSpec) -> list[tuple[str, str]]:
        out = [(c, rel.to) for c, rel in spec.relationships.items()]
        for event in spec.events.values():
            out += [(c, spec.target_of(c, "Location")) for c in event.places]
            out += [(c, spec.target_of(c, "PerpetratorBody")) for c in event.perpetrators]
        return out

    def convert(self) -> Conversion:
        self.out.source_uid = self.source_uid
        rows = self._first_pass()
        index = self._title_index(rows)
        existing = self.existing(sorted({self.source_uid} | {
            link_uid(self.mapping.uid_prefix, link) for row in rows
            for link in self._row_links(row)} | {
            row.uid for row in rows if row.template.node == "Source"}))
        self.emitted |= existing
        if rows:
            self._emit_source()
        for row in rows:
            RowConverter(self, row, index).convert()
        used = self._used_indexes()
        if self.table.extra_files:  # an import zip: its rows' files come with them
            self.out.files = [ref for row in rows for ref in refs_of_row(
                self.table.headers, row.cells, row.number, row.uid)]
            used |= set(column_indexes(self.table.headers))
        self._report_unused(used)
        named = {ref.name for ref in self.out.files}
        unnamed = [name for name in self.table.extra_files if name not in named]
        if unnamed:
            self.out.warnings.append("files in the zip that no row names, not imported: "
                                     f"{', '.join(unnamed)}")
        self.out.records.sort(key=lambda r: r[0])
        return self.out

    def _report_unused(self, used: set[int]) -> None:
        """Columns no template reads: never dropped without a word. Uwazi's own columns say
        why they are not imported; language columns say which language has no field."""
        unused = [i for i in range(len(self.table.headers)) if i not in used | self.refused]
        languages = [i for i in unused if i in self.unread_languages]
        others = [i for i in unused if i not in self.unread_languages]
        system = [i for i in others if split_header(self.table.headers[i])[0] in UWAZI_COLUMNS]
        if others:
            headers = ", ".join(self.table.headers[i] for i in others)
            self.out.warnings.append(f"unused columns: {headers}")
        if languages:
            self.out.warnings.append(
                "language columns ignored, the mapping has no field for their language: "
                + ", ".join(f"{self.table.headers[i]} ({self.unread_languages[i]})"
                            for i in languages))
        if system:
            self.out.warnings.append(
                "Uwazi's own columns, not imported: " + "; ".join(
                    f"{self.table.headers[i]} ({UWAZI_COLUMNS[split_header(self.table.headers[i])[0]]})"
                    for i in system))

    def _row_links(self, row: RowInfo) -> Iterable[str]:
        cols = self.columns[row.template.name]
        for column in row.template.links:
            hit = cols.cell(row.cells, column)
            if hit:
                try:
                    yield parse_link(hit[1])[1]
                except CellError:
                    continue

    def _emit_source(self) -> None:
        if self.source_uid in self.emitted:
            return
        self.emitted.add(self.source_uid)
        source = self.mapping.source or {}
        self.out.records.append((0, {
            "record": "Source", "uid": self.source_uid,
            "kind": source.get("kind", "official_document"),
            "title": source.get("title", f"Uwazi import ({self.mapping.name})"),
            "terms_of_use": source.get("terms_of_use", "internal"),
            **({"url": source["url"]} if source.get("url") else {}),
        }))


def convert(table: Table, mapping: UwaziMapping, template: str | None = None,
            lookup: TitleLookup | None = None, existing: Existing | None = None) -> Conversion:
    """The records of ``table`` under ``mapping``; ``lookup`` finds titles in the vault and
    ``existing`` says which uids it already holds (both default to an empty vault)."""
    return Converter(table, mapping, template, lookup or (lambda label, titles: {}),
                     existing or (lambda uids: set())).convert()
