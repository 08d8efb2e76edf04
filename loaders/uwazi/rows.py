"""The records of one row of an Uwazi CSV (see ``loaders.uwazi.convert``).

Why apart: the file-level work (headers, templates, title index, unused columns)
and the row-level work (cell values, events, relationships, links) change for
different reasons. A row's records are all or nothing: if any cell is wrong, the
row contributes its problems and no records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from loaders.errors import Problem
from loaders.records import REL_TYPES
from loaders.uwazi.mapping import LIST_FIELDS, EventSpec, LinkSpec, PropertySpec, TemplateSpec
from loaders.uwazi.parse import (
    NESTED,
    CellError,
    DateValue,
    parse_date,
    parse_dates,
    parse_geolocation,
    parse_link,
    parse_range,
    split_multi,
)

BOOLEANS = {"true": True, "yes": True, "y": True, "1": True, "예": True, "false": False, "no": False,
            "n": False, "0": False, "아니오": False}


@dataclass
class RowInfo:
    number: int
    cells: list[str]
    template: TemplateSpec
    uid: str
    titles: dict[str, str]  # language -> title


def link_uid(prefix: str, url: str) -> str:
    return f"{prefix}-link-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


class RowConverter:
    """The records of one row. ``parent`` is the file's ``Converter``: its mapping, its
    output, the import source's uid and the uids already emitted; ``index`` maps a node
    label and a title to the uids holding that title."""

    def __init__(self, parent, row: RowInfo, index: dict):
        self.p, self.row, self.index = parent, row, index
        self.spec = row.template
        self.cols = parent.columns[self.spec.name]
        self.fields: dict[str, str] = {}
        self.records: list[dict] = []
        self.problems: list[Problem] = []

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.row.number, column, reason))

    def convert(self) -> None:
        node = {"record": self.spec.node, "uid": self.row.uid, **self.spec.constants}
        if self.spec.node == "Person":
            node["roles"] = list(self.spec.roles)
        for lang, title in self.row.titles.items():
            target = self.spec.title[lang]
            # a title is one text (Uwazi's, in one language): into a list field it is one
            # more value, never split at "|"
            node[target] = [*node.get(target, []), title] if target in LIST_FIELDS else title
            self.fields[target] = self.cols.header_of("title", lang, self.p.mapping.default_language)
        for column, prop in self.spec.properties.items():
            self._property(node, prop, column)
        if self.spec.node != "Source":
            self.records.append(node)
        elif self.row.uid not in self.p.emitted:
            # a Source's terms of use are an editor's decision: a new one is internal until
            # an editor clears it, and one the vault holds is referenced, never rewritten
            self.records.append({**node, "terms_of_use": "internal"})
        self._supports(self.row.uid)
        for column, event in self.spec.events.items():
            self._events(column, event)
        for column, rel in self.spec.relationships.items():
            for uid in self._targets(column, rel.to):
                start, end = (uid, self.row.uid) if rel.reverse else (self.row.uid, uid)
                self._rel(rel.type, start, end, column, dict(rel.props))
        for column, link in self.spec.links.items():
            self._link(column, link)
        out = self.p.out
        out.field_columns[self.row.number] = self.fields
        if self.problems:
            out.records += [(self.row.number, pr) for pr in dict.fromkeys(self.problems)]
        else:
            out.records += [(self.row.number, r) for r in self.records]

    # -- values -------------------------------------------------------------------------
    def _property(self, node: dict, prop: PropertySpec, column: str) -> None:
        if prop.languages:
            for lang, target in prop.languages.items():
                hit = self.cols.cell(self.row.cells, column,
                                     None if lang == self.p.mapping.default_language else lang)
                if hit:
                    self._set(node, prop, target, hit)
            return
        hit = self.cols.cell(self.row.cells, column)
        if hit:
            self._set(node, prop, prop.target, hit)

    def _set(self, node: dict, prop: PropertySpec, target: str, hit: tuple[str, str]) -> None:
        header, cell = hit
        self.fields[target] = header
        try:
            value = self._value(prop, target, cell)
        except CellError as exc:
            self.problem(header, str(exc))
            return
        if target == "coords":
            node["lat"], node["lon"] = value
            self.fields["lat"] = self.fields["lon"] = header
        elif target == "date":
            node.update(value)
            for key in value:
                self.fields[key] = header
        elif target in LIST_FIELDS:
            node[target] = list(dict.fromkeys([*node.get(target, []), *value]))
        else:
            node[target] = value

    def _value(self, prop: PropertySpec, target: str, cell: str):
        fmt = self.p.mapping.date_format
        if prop.type == "geolocation":
            return parse_geolocation(cell)
        if target == "date":
            values = parse_dates(cell, fmt)
            if len(values) != 1:
                raise CellError(f"{cell!r}: an Event has one date or range; several dates belong "
                                "to a person template's events (one Event per date)")
            return event_dates(values[0])
        if prop.type == "date":
            value = parse_range(cell, fmt)
            if value.precision != "day":
                raise CellError(f"{cell!r}: this field needs a full date (day precision)")
            return value.start.isoformat()
        if prop.type == "year":
            value = parse_date(cell, fmt)
            return value.start.year
        if prop.type == "boolean":
            flag = BOOLEANS.get(cell.strip().casefold())
            if flag is None:
                raise CellError(f"{cell!r} is not yes/no (true/false, 1/0, 예/아니오)")
            return flag
        if prop.type == "integer":
            try:
                return int(cell)
            except ValueError as exc:
                raise CellError(f"{cell!r} is not a whole number") from exc
        many = prop.type == "multiple" or target in LIST_FIELDS
        values = split_multi(cell) if many else [cell]
        if prop.select:
            keys = []
            for value in values:
                key = prop.resolve(value)
                if key is None:
                    known = [text for text, _ in prop.original_values] or []
                    nested = NESTED in value
                    raise CellError(f"{value!r} is not a known value"
                                    + (f" of {prop.vocabulary}" if prop.vocabulary else "")
                                    + (": a nested thesaurus value is known by its whole path "
                                       "Parent::Child; map it under values" if nested else "")
                                    + (f" (mapped: {', '.join(known[:8])})" if known else ""))
                keys.append(key)
            values = keys
        return values if many else values[0]

    # -- references ---------------------------------------------------------------------
    def _targets(self, column: str, label: str) -> list[str]:
        hit = self.cols.cell(self.row.cells, column)
        if not hit:
            return []
        header, cell = hit
        out = []
        for title in split_multi(cell):
            uids = sorted(self.index.get(label, {}).get(title, ()))
            if not uids:
                self.problem(header, f"no {label} titled {title!r} in the file or the vault")
            elif len(uids) > 1:
                self.problem(header, f"{title!r} names {len(uids)} {label} records "
                             f"({', '.join(uids[:5])}): ambiguous, not guessed")
            else:
                out.append(uids[0])
        return out

    def _rel(self, rtype: str, start: str, end: str, column: str | None, props: dict | None = None) -> None:
        record = {"record": "rel", "type": rtype, "from": start, "to": end}
        if REL_TYPES[rtype][2]:
            record["sources"] = [self.p.source_uid]
        if props:
            record["props"] = props
        self.records.append(record)

    def _supports(self, uid: str, source: str | None = None) -> None:
        self.records.append({"record": "rel", "type": "SUPPORTS", "from": source or self.p.source_uid,
                             "to": uid})

    def _events(self, column: str, spec: EventSpec) -> None:
        """One Event per date (or range) in the cell -- or one undated Event if the row
        gives its kind, perpetrators or summary; kinds from a kind column pair with the
        dates by position (one kind serves every date)."""
        date_hit = self.cols.cell(self.row.cells, column)
        kinds: list[str] = [spec.kind] if spec.kind else []
        kind_hit = self.cols.cell(self.row.cells, spec.kind_column.column) if spec.kind_column else None
        if kind_hit:
            try:
                kinds = [self._value(spec.kind_column, "kind", k) for k in split_multi(kind_hit[1])]
            except CellError as exc:
                self.problem(kind_hit[0], str(exc))
                return
        places = [u for c in spec.places for u in self._targets(c, self.spec.target_of(c, "Location"))]
        perps = [u for c in spec.perpetrators
                 for u in self._targets(c, self.spec.target_of(c, "PerpetratorBody"))]
        summary: dict = {}
        if spec.summary:
            holder = {"record": "Event"}
            self._property(holder, spec.summary, spec.summary.column)
            summary = {k: v for k, v in holder.items() if k != "record"}
        dates: list = []
        if date_hit:
            try:
                dates = parse_dates(date_hit[1], self.p.mapping.date_format)
            except CellError as exc:
                self.problem(date_hit[0], str(exc))
                return
        if not dates and not (perps or summary or kind_hit):
            return  # a place alone makes no event (it is usually also a TAKEN_FROM column)
        dates = dates or [None]
        where = kind_hit[0] if kind_hit else (date_hit[0] if date_hit else column)
        if not kinds:
            self.problem(where, "the event's kind is missing")
            return
        if len(kinds) not in (1, len(dates)):
            self.problem(where, f"{len(kinds)} kinds for {len(dates)} dates: give one kind, "
                         "or one per date in the same order")
            return
        for number, value in enumerate(dates, start=1):
            uid = f"{self.row.uid}-{column}-{number}"
            kind = kinds[0] if len(kinds) == 1 else kinds[number - 1]
            event = {"record": "Event", "uid": uid, "kind": kind, **summary,
                     **(event_dates(value) if value else {})}
            self.records.append(event)
            self._supports(uid)
            self._rel("SUBJECTED_TO", self.row.uid, uid, column)
            for place in places:
                self._rel("OCCURRED_AT", uid, place, column)
            for perp in perps:
                self._rel("PERPETRATED_BY", uid, perp, column)

    def _link(self, column: str, spec: LinkSpec) -> None:
        hit = self.cols.cell(self.row.cells, column)
        if not hit:
            return
        try:
            label, url = parse_link(hit[1])
        except CellError as exc:
            self.problem(hit[0], str(exc))
            return
        uid = link_uid(self.p.mapping.uid_prefix, url)
        if uid not in self.p.emitted:
            self.p.emitted.add(uid)
            self.records.append({"record": "Source", "uid": uid, "kind": spec.kind,
                                 "title": label or url, "url": url, "terms_of_use": spec.terms_of_use})
        self._supports(self.row.uid, uid)


def event_dates(value: DateValue) -> dict:
    out = {"date_precision": value.precision}
    if value.start:
        out["date_start"] = value.start.isoformat()
        out["year"] = value.start.year
    if value.end:
        out["date_end"] = value.end.isoformat()
    return out
