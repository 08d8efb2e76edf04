"""Uwazi's CSV conventions: files, headers and the value forms of its property types.

Why a module of its own: these rules are Uwazi's, not ours, and the importer and
the exporter must agree on them. From Uwazi's documentation of CSV import:

* UTF-8, ``,`` or ``;`` between columns (detected), a header row; or a ``.zip`` with
  ``import.csv`` at its root (other files in it are documents and attachments; a zip
  holding a single CSV under another name is read too);
* a header matches a property by name or label once cleaned up: trimmed,
  lower-cased, every other character turned into ``_`` ("Date of birth" ->
  ``date_of_birth``); ``<property>__<code>`` holds one language (``title__ko``);
* ``|`` separates several values, ``::`` a nested thesaurus value's parent and child;
* dates ``YYYY``, ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``dd/MM/yyyy`` (the collection's
  format; ``MM/dd/yyyy`` if so configured) and ``December 17, 1995``; a range is
  ``from:to`` (either side may be empty), or ``from~to`` as Uwazi's export writes it;
  several dates or ranges are ``d1|d2``;
* a geolocation is ``lat|lon``, a link ``label|url``, a relationship the exact
  title of the entity linked to.

We keep the precision a date was written with (``1995`` is a year, not 1 January
1995) as ``docs/interchange.md`` stores it: first and last day plus a precision.
Beyond Uwazi, ``YYYY-MM`` and ``December 1995`` are read as months.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MULTI = "|"
NESTED = "::"
RANGE_IMPORT = ":"
RANGE_EXPORT = "~"
LANGUAGE_SUFFIX = re.compile(r"^(?P<name>.+?)__(?P<lang>[a-z]{2,3})$")
ZIP_CSV = "import.csv"

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
DAY_FIRST, MONTH_FIRST = "dd/MM/yyyy", "MM/dd/yyyy"


class CellError(ValueError):
    """A cell that does not follow the convention of its property type."""


@dataclass(frozen=True)
class Table:
    """A CSV read whole: its raw headers, rows (row number -> cells) and what else came with it."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    extra_files: list[str]


def safe_name(text: str) -> str:
    """Uwazi's header clean-up: trimmed, lower-cased, other characters to ``_``."""
    return re.sub(r"[^a-z0-9_]", "_", text.strip().lower())


def split_header(header: str) -> tuple[str, str | None]:
    """``title__ko`` -> (``title``, ``ko``); ``Date of birth`` -> (``date_of_birth``, None)."""
    name = safe_name(header)
    match = LANGUAGE_SUFFIX.match(name)
    if match:
        return match["name"], match["lang"]
    return name, None


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def read_table(path: Path) -> Table:
    """The CSV of ``path`` (a ``.csv``, or a ``.zip`` holding ``import.csv``)."""
    path = Path(path)
    extra: list[str] = []
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            csvs = [n for n in names if n.lower().endswith(".csv") and "/" not in n]
            member = ZIP_CSV if ZIP_CSV in names else csvs[0] if len(csvs) == 1 else None
            if member is None:
                raise CellError(f"{path.name}: an Uwazi zip holds {ZIP_CSV} (or a single CSV) "
                                "at its root")
            text = _decode(archive.read(member))
            extra = sorted(n for n in names if n != member and not n.endswith("/"))
    else:
        text = _decode(path.read_bytes())
    return parse_table(text, extra)


def detect_delimiter(text: str) -> str:
    """``,`` or ``;``: whichever splits the header line into more columns outside quotes."""
    first = text.splitlines()[0] if text else ""
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in (",", ";")}
    return ";" if counts[";"] > counts[","] else ","


def parse_table(text: str, extra_files: list[str] | None = None) -> Table:
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    headers = rows[0] if rows else []
    body = [(number, cells) for number, cells in enumerate(rows[1:], start=2)
            if any(c.strip() for c in cells)]
    return Table(headers, body, delimiter, extra_files or [])


# -- values -----------------------------------------------------------------------
def split_multi(cell: str) -> list[str]:
    """``a | b|`` -> [``a``, ``b``]."""
    return [v.strip() for v in cell.split(MULTI) if v.strip()]


def split_nested(value: str) -> tuple[str | None, str]:
    """``Parent::Child`` -> (``Parent``, ``Child``); a plain value has no parent."""
    if NESTED in value:
        parent, child = value.split(NESTED, 1)
        return parent.strip(), child.strip()
    return None, value.strip()


@dataclass(frozen=True)
class DateValue:
    """A date with the precision it was written with (docs/interchange.md, ``Event``)."""

    start: date | None
    end: date | None
    precision: str  # day | month | year | range

    @classmethod
    def normalised(cls, start: date | None, end: date | None) -> DateValue:
        """A range that is exactly one day, month or year is that day, month or year."""
        if start and end:
            if start == end:
                return cls(start, end, "day")
            last = calendar.monthrange(start.year, start.month)[1]
            if start.day == 1 and end == start.replace(day=last):
                return cls(start, end, "month")
            if (start.month, start.day) == (1, 1) and end == date(start.year, 12, 31):
                return cls(start, end, "year")
        return cls(start, end, "range")


def _month(year: int, month: int) -> DateValue:
    return DateValue(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                     "month")


def parse_date(text: str, date_format: str = DAY_FIRST) -> DateValue:
    """One date in a form Uwazi accepts, with its precision."""
    s = text.strip()
    try:
        if m := re.fullmatch(r"(\d{4})", s):
            year = int(m[1])
            return DateValue(date(year, 1, 1), date(year, 12, 31), "year")
        if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return DateValue(day, day, "day")
        if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", s):
            return _month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s):
            a, b = int(m[1]), int(m[2])
            day_, month_ = (a, b) if date_format == DAY_FIRST else (b, a)
            day = date(int(m[3]), month_, day_)
            return DateValue(day, day, "day")
        if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s):
            month_ = MONTHS.get(m[1].lower())
            if month_:
                day = date(int(m[3]), month_, int(m[2]))
                return DateValue(day, day, "day")
        if m := re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", s):
            month_ = MONTHS.get(m[1].lower())
            if month_:
                return _month(int(m[2]), month_)
    except ValueError as exc:
        raise CellError(f"{s!r} is not a valid date ({exc})") from exc
    raise CellError(f"{s!r} is not a date Uwazi reads (YYYY, YYYY-MM-DD, YYYY/MM/DD, "
                      f"{date_format}, or 'December 17, 1995')")


def parse_range(text: str, date_format: str = DAY_FIRST) -> DateValue:
    """``from:to`` or ``from~to`` (either side may be empty), or a single date."""
    s = text.strip()
    sep = RANGE_EXPORT if RANGE_EXPORT in s else RANGE_IMPORT if RANGE_IMPORT in s else None
    if sep is None:
        return parse_date(s, date_format)
    left, _, right = s.partition(sep)
    if not left.strip() and not right.strip():
        raise CellError(f"{s!r}: a date range needs a start or an end")
    start = parse_date(left, date_format).start if left.strip() else None
    end = parse_date(right, date_format).end if right.strip() else None
    if start and end and end < start:
        raise CellError(f"{s!r}: the range ends before it starts")
    return DateValue.normalised(start, end)


def parse_dates(cell: str, date_format: str = DAY_FIRST) -> list[DateValue]:
    """Several dates or ranges: ``d1|d2``."""
    return [parse_range(v, date_format) for v in split_multi(cell)]


def format_date(value: DateValue) -> str:
    """The Uwazi form of a date with its precision: ``1995``, ``1995-12-17``, or a range
    ``from~to`` (Uwazi's export form; a month is written as its first and last day)."""
    if value.precision == "year" and value.start:
        return f"{value.start.year:04d}"
    if value.precision == "day" and value.start:
        return value.start.isoformat()
    left = value.start.isoformat() if value.start else ""
    right = value.end.isoformat() if value.end else ""
    return f"{left}{RANGE_EXPORT}{right}"


def parse_geolocation(cell: str) -> tuple[float, float]:
    """``lat|lon`` in WGS-84 degrees."""
    parts = [p.strip() for p in cell.split(MULTI)]
    if len(parts) != 2:
        raise CellError(f"{cell!r}: a geolocation is 'lat|lon'")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError as exc:
        raise CellError(f"{cell!r}: latitude and longitude must be numbers") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CellError(f"{cell!r}: latitude must be within ±90 and longitude within ±180")
    return lat, lon


def parse_link(cell: str) -> tuple[str | None, str]:
    """``label|url`` (the label may be empty)."""
    label, sep, url = cell.partition(MULTI)
    if not sep:
        label, url = "", label
    url = url.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", url, re.IGNORECASE):
        raise CellError(f"{cell!r}: a link is 'label|url' with a full URL")
    return (label.strip() or None), url
