"""Event dates with a precision, as the interchange format stores them.

Why: real records rarely know the day. A family remembers "summer 1950", a
register gives a month, a ship manifest the day, a camp survivor a span of
years. The interchange format keeps ``date_start``/``date_end`` consistent
with ``date_precision`` (a day: start = end; a month or year: its first and
last day; a range: its bounds), and this module is the one place that does it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from loaders.synthetic.context import Context, Weighted

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

#: Precision mixes used by the scenarios.
PRECISE = Weighted({"day": 65, "month": 20, "year": 10, "range": 5})
FAMILY_MEMORY = Weighted({"day": 25, "month": 40, "year": 20, "range": 15})
VAGUE = Weighted({"day": 15, "month": 30, "year": 35, "range": 20})
ARREST = Weighted({"day": 20, "month": 35, "year": 35, "range": 10})


class Windows:
    """Weighted date windows: pick a window by weight, then a uniform day in it."""

    def __init__(self, windows: Sequence[tuple[float, str, str]]) -> None:
        self._windows = Weighted([((date.fromisoformat(a), date.fromisoformat(b)), w)
                                  for w, a, b in windows])

    def draw(self, ctx: Context) -> date:
        first, last = ctx.pick(self._windows)
        return ctx.day_between(first, last)


def yearly(weights: dict[tuple[int, int], float], last: str = "2024-12-31") -> Windows:
    """Windows from {(first_year, last_year): weight}, clipped to ``last``."""
    end = date.fromisoformat(last)
    return Windows([(w, f"{a}-01-01", min(date(b, 12, 31), end).isoformat())
                    for (a, b), w in weights.items()])


def dated(day: date, precision: str, range_end: date | None = None) -> dict[str, Any]:
    """The date fields of an event on ``day`` known to ``precision``."""
    if precision == "day":
        start = end = day
    elif precision == "month":
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    elif precision == "year":
        start, end = date(day.year, 1, 1), date(day.year, 12, 31)
    else:
        start = day
        end = range_end if range_end is not None and range_end >= day else day
    return {"date_start": start.isoformat(), "date_end": end.isoformat(),
            "date_precision": precision, "year": start.year}


def draw_dated(ctx: Context, day: date, mix: Weighted, max_range_days: int = 90,
               range_end: date | None = None) -> dict[str, Any]:
    """``dated`` with the precision drawn from ``mix``; a range ends at ``range_end``
    or up to ``max_range_days`` later."""
    precision = ctx.pick(mix)
    if precision == "range" and range_end is None:
        range_end = day + timedelta(days=ctx.between(1, max_range_days))
    return dated(day, precision, range_end)


def describe(fields: dict[str, Any]) -> tuple[str, str]:
    """The date of an event in words, in English and Korean."""
    start = date.fromisoformat(fields["date_start"])
    end = date.fromisoformat(fields["date_end"])
    precision = fields["date_precision"]
    if precision == "day":
        return (f"{start.day} {MONTHS_EN[start.month - 1]} {start.year}",
                f"{start.year}년 {start.month}월 {start.day}일")
    if precision == "month":
        return f"{MONTHS_EN[start.month - 1]} {start.year}", f"{start.year}년 {start.month}월"
    if precision == "year":
        return str(start.year), f"{start.year}년"
    return (f"between {start.isoformat()} and {end.isoformat()}",
            f"{start.isoformat()}부터 {end.isoformat()} 사이")


def parse(text: str) -> date:
    return date.fromisoformat(text)
