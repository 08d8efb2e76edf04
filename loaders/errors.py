"""Errors of the loaders, each naming where in the input the problem is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where (line/row, field) and why.

    ``line`` orders problems; ``where`` and ``item`` let a reader say it in its own
    terms (a CSV names "persons.csv, row 3" and a column instead of a line and a field).
    """

    line: int
    field: str
    reason: str
    where: str = ""
    item: str = "field"

    def __str__(self) -> str:
        where = self.where or (f"line {self.line}" if self.line else "file")
        return f"{where}, {self.item} {self.field!r}: {self.reason}"


class LoadError(Exception):
    """An input that cannot be imported. Nothing was written."""

    def __init__(self, path: str, problems: list[Problem], limit: int = 20):
        self.path = path
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:limit])
        more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
        super().__init__(f"{path}: {len(problems)} problem(s); nothing was written:\n  {shown}{more}")
