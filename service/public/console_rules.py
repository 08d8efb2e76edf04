"""What the console refuses because Neo4j could not stop it once it runs.

Neo4j checks whether a transaction was terminated (by its timeout or by
``TERMINATE TRANSACTION``) between rows, not inside the evaluation of one
expression, and it does not count the memory of values an expression builds.
Measured on the public store (Neo4j 5.26, docs/public-api.md has the figures):
``reduce(acc = [], x IN range(1, 5000000) | acc + [x])`` kept a core busy for more
than ten minutes after its 3 s timeout and after ``TERMINATE TRANSACTIONS`` said it
was terminated; so did ``any(x IN range(1, 9000000000000) WHERE x < 0)``, a
comprehension over a list doubled twenty times with ``a + a`` (concatenation is
lazy: the list costs nothing until it is walked), and ``'aaa…' =~ '(.*a){25}b'``.
Row by row work stops within a second of the timeout: ``UNWIND range(1, 9e12)``,
cartesian products, ``collect()`` of everything (also stopped by the memory limits),
variable-length paths, even the planning of a 40-part pattern.

So a query is refused, before it runs, when it uses

1. ``reduce(...)``: its accumulator can grow at every step (quadratic work); an
   ``UNWIND`` and an aggregation do the same, row by row;
2. a regular expression (``=~``): a pattern can take exponential time;
3. ``range()`` other than as the list of an ``UNWIND`` (rows, which stop), unless its
   bounds are integer literals spanning at most :data:`MAX_RANGE` values;
4. a list comprehension, pattern comprehension or ``any/all/none/single`` inside
   another one (the product of two lists, inside one expression);
5. ``replace()`` other than with literal strings whose replacement is no longer
   than what it replaces (nested or repeated, ``replace`` grows a string
   exponentially);
6. an expression that can hold more than :data:`MAX_COPIES` copies of one value:
   each variable a clause binds carries a bound (1 for anything the graph, a
   literal, a parameter or an aggregation gives; the sum of the bounds of the
   variables it mentions otherwise), so ``WITH a + a AS a`` doubles it, and a chain
   of those is refused before a list of 2^20 copies can be walked.

:func:`check` takes the query with comments removed and string literals replaced
by numbered placeholders (``'\\x00<n>'``), and the literals themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.messages import N_, Message

MAX_RANGE = 10_000
MAX_COPIES = 16

_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_REDUCE = re.compile(r"(?<![\w.$])reduce\s*\(", re.IGNORECASE)
_RANGE = re.compile(r"(?<![\w.$])range\s*\(", re.IGNORECASE)
_REPLACE = re.compile(r"(?<![\w.$])replace\s*\(", re.IGNORECASE)
_ITERATION = re.compile(
    rf"\[\s*{_IDENT}\s+IN\b"                                   # [x IN list ...]
    rf"|\[\s*(?:{_IDENT}\s*=\s*)?\("                           # [(a)-->(b) | ...]
    rf"|(?<![\w.$])(?:any|all|none|single)\s*\(\s*{_IDENT}\s+IN\b",  # any(x IN list ...)
    re.IGNORECASE)
_ITERATION_VARIABLE = re.compile(
    rf"(?:\[|(?<![\w.$])(?:any|all|none|single)\s*\()\s*({_IDENT})\s+IN\b", re.IGNORECASE)
_CLAUSE = re.compile(
    r"(?<![\w.$])(OPTIONAL\s+MATCH|MATCH|WITH|RETURN|UNWIND|WHERE|ORDER\s+BY|SKIP|LIMIT|CALL"
    r"|YIELD|UNION(?:\s+ALL)?)\b(?!\s*:)", re.IGNORECASE)
_MENTION = re.compile(rf"(?<![\w.$:])({_IDENT})\b(?!\s*[(:])")
_PLACEHOLDER = re.compile(r"'\x00(\d+)'")
_INTEGER = re.compile(r"\s*(-?\d+)\s*")


class Refused(ValueError):
    """A construct the database could not stop; ``reason`` is a short code, ``message`` (a
    :class:`~graph.messages.Message`) says why."""

    def __init__(self, reason: str, message: Message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def check(text: str, literals: Sequence[str]) -> None:
    """Raise :class:`Refused` for the first rule (1-6 above) the query breaks."""
    if _REDUCE.search(text):
        raise Refused("reduce", N_("reduce() is not allowed: it runs inside one expression, "
                                   "where the database cannot stop it at the timeout; use UNWIND "
                                   "and an aggregation (sum, collect, ...) instead"))
    if "=~" in text:
        raise Refused("regex", N_("regular expressions (=~) are not allowed: a pattern can take "
                                  "exponential time, which the database cannot stop; use STARTS "
                                  "WITH, ENDS WITH, CONTAINS or db.index.fulltext.queryNodes"))
    _check_ranges(text)
    _check_nesting(text)
    _check_replace(text, literals)
    _check_copies(text)


def _check_ranges(text: str) -> None:
    for match in _RANGE.finditer(text):
        close = _closing(text, match.end() - 1)
        if re.search(r"\bUNWIND\s*$", text[:match.start()], re.IGNORECASE) and \
                re.match(r"\s*AS\b", text[close + 1:], re.IGNORECASE):
            continue  # UNWIND range(...) AS x: rows, which the timeout stops
        args = [_INTEGER.fullmatch(a) for a in _split(text[match.end():close])]
        if 2 <= len(args) <= 3 and all(args):
            start, end, *step = (int(a.group(1)) for a in args)
            step = step[0] if step else 1
            if step == 0 or max(0, (end - start) // step + 1) <= MAX_RANGE:
                continue
        raise Refused("range", N_("range() is allowed as the list of an UNWIND (UNWIND range(a, "
                                  "b) AS x) or with literal bounds of at most %(count)s values: "
                                  "inside an expression it is walked where the database cannot "
                                  "stop it", count=f"{MAX_RANGE:,}"))


def _check_nesting(text: str) -> None:
    spans = []
    for match in _ITERATION.finditer(text):
        opening = match.start() if text[match.start()] == "[" else text.index("(", match.start())
        spans.append((match.start(), _closing(text, opening)))
    for start, end in spans:
        if any(s < start <= e for s, e in spans if (s, e) != (start, end)):
            raise Refused("nested_iteration",
                          N_("a list comprehension, pattern comprehension or any/all/none/single "
                             "inside another one is not allowed: it walks the product of two "
                             "lists inside one expression, where the database cannot stop it; "
                             "UNWIND the outer list instead"))


def _check_replace(text: str, literals: Sequence[str]) -> None:
    for match in _REPLACE.finditer(text):
        args = _split(text[match.end():_closing(text, match.end() - 1)])
        found = [_PLACEHOLDER.fullmatch(a.strip()) for a in args[1:]]
        if len(args) == 3 and all(found):
            search, replacement = (literals[int(f.group(1))] for f in found)
            if search and len(replacement) <= len(search):
                continue
        raise Refused("replace", N_("replace() is allowed with a literal, non-empty search string "
                                    "and a literal replacement no longer than it: a longer "
                                    "replacement, repeated, grows the string exponentially"))


def _check_copies(text: str) -> None:
    bounds: dict[str, int] = {}

    def weight(expression: str) -> int:
        for name in _ITERATION_VARIABLE.findall(expression):
            bounds.setdefault(name, max(bounds.values(), default=1))
        return sum(bounds.get(name, 0) for name in _MENTION.findall(expression))

    for keyword, body in _clauses(text):
        if keyword in ("WITH", "RETURN", "UNWIND", "YIELD"):
            for item in _split(re.sub(r"^\s*DISTINCT\b", "", body, flags=re.IGNORECASE)):
                alias = re.search(rf"\bAS\s+({_IDENT})\s*$", item, re.IGNORECASE)
                expression = item[:alias.start()] if alias else item
                copies = 1 if keyword == "YIELD" else weight(expression)
                _refuse_copies(copies, keyword)
                name = alias.group(1) if alias else expression.strip()
                if keyword == "YIELD" or alias:
                    bounds[name] = max(1, copies)
        else:
            _refuse_copies(weight(body), keyword)


def _refuse_copies(copies: int, keyword: str) -> None:
    if copies > MAX_COPIES:
        raise Refused("copies", N_("a %(keyword)s clause combines variables into a value that "
                                   "can hold %(copies)s copies of one list or string (at most "
                                   "%(most)s): repeated, such a clause doubles a list at each "
                                   "step, which the database cannot stop once it is walked",
                                   keyword=keyword, copies=copies, most=MAX_COPIES))


def _clauses(text: str) -> list[tuple[str, str]]:
    """(keyword, body) for each clause at bracket depth 0 (braces do not count, so the
    clauses of a CALL { } subquery are clauses too)."""
    depth = _depths(text, "([", ")]")
    starts = [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(1)).upper())
              for m in _CLAUSE.finditer(text) if depth[m.start()] == 0]
    out = []
    for n, (_, end, keyword) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        out.append((keyword, text[end:stop].strip().rstrip("}").strip()))
    return out


def _split(text: str) -> list[str]:
    """``text`` split at the commas outside any bracket."""
    depth = _depths(text, "([{", ")]}")
    parts, last = [], 0
    for n, char in enumerate(text):
        if char == "," and depth[n] == 0:
            parts.append(text[last:n])
            last = n + 1
    parts.append(text[last:])
    return [p for p in parts if p.strip()] if text.strip() else []


def _depths(text: str, opening: str, closing: str) -> list[int]:
    out, depth = [], 0
    for char in text:
        if char in closing:
            depth = max(0, depth - 1)
        out.append(depth)
        if char in opening:
            depth += 1
    return out


def _closing(text: str, opening: int) -> int:
    """The index of the bracket closing the one at ``opening`` (or the end of the text)."""
    pairs: dict[str, str] = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for n in range(opening, len(text)):
        char = text[n]
        if char in pairs:
            stack.append(pairs[char])
        elif stack and char == stack[-1]:
            stack.pop()
            if not stack:
                return n
    return len(text)

