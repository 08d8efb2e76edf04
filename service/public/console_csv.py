"""A console result as CSV: one row per result row, each value as a researcher's
spreadsheet would want it (a node as its caption and uid, a relationship as its type and
ends, a list joined with "; ").

A cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe: public text (a title, a
name) must not run as a formula on a researcher's machine.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        if "uid" in value and "caption" in value:
            return f"{value['caption']} ({value['uid']})"
        if {"type", "from", "to"} <= set(value):
            return f"({value['from']})-[:{value['type']}]->({value['to']})"
        if "nodes" in value and "relationships" in value:
            return " -> ".join(str(n) for n in value["nodes"])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(columns: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe(c) for c in columns])
    for row in rows:
        writer.writerow([safe(cell(v)) for v in row])
    return out.getvalue()
