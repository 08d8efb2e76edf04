"""The state one generation run threads through every module.

Why one object: determinism. All randomness comes from the single seeded
``random.Random`` held here, and every uid from its counters, so a run is a
pure function of (victims, seed). Modules never touch the global ``random``
module, the clock or uuid.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Hashable, Sequence
from datetime import date
from itertools import accumulate
from typing import Any

Record = dict[str, Any]

#: Relationship types the generator cites ``sources`` on: every fact type of the
#: interchange format, plus the geography and proceeding links, which are cited
#: too so that their provenance is on record.
CITED_TYPES = frozenset({
    "SUBJECTED_TO", "PERPETRATED_BY", "OCCURRED_AT", "LIVED_AT", "TAKEN_FROM", "LAST_SEEN_AT",
    "HELD_AT", "RELATIVE_OF", "WITNESSED", "MEMBER_OF", "PART_OF", "COMMANDED_BY", "REPORTS_TO",
    "WITHIN", "CONCERNS", "NAMES", "INVOKES", "FILED_BY",
})


class Weighted:
    """A fixed weighted choice, precomputed once so drawing is one bisect."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, weights: dict[Hashable, float] | Sequence[tuple[Any, float]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect_right(self.cumulative, rng.random() * self.total)]


def rel(type_: str, from_uid: str, to_uid: str, sources: list[str] | None = None,
        props: dict[str, Any] | None = None, key: str | None = None) -> Record:
    """A relationship record in the interchange format."""
    record: Record = {"record": "rel", "type": type_, "from": from_uid, "to": to_uid}
    if key is not None:
        record["key"] = key
    if sources is not None:
        record["sources"] = list(sources)
    record["props"] = props or {}
    record["synthetic"] = True
    return record


class Context:
    """Random source, uid counters and small shared state of one run."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._counters: dict[str, int] = {}
        #: Open group events (a fishing boat, a ship voyage, a handover) by key.
        self.groups: dict[Hashable, Any] = {}
        #: Victims made publishable so far, per category and per forum (victims.showcase).
        self.showcased: dict[str, int] = {}

    def next_number(self, counter: str) -> int:
        """The next number (1, 2, ...) of the named counter."""
        number = self._counters.get(counter, 0) + 1
        self._counters[counter] = number
        return number

    def uid(self, prefix: str) -> str:
        """The next uid with ``prefix``: p-000001, e-000001, src-000001, ..."""
        return f"{prefix}-{self.next_number(prefix):06d}"

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, weighted: Weighted) -> Any:
        return weighted.draw(self.rng)

    def choice(self, items: Sequence[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return low + int(self.rng.random() * (high - low + 1))

    def day_between(self, first: date, last: date) -> date:
        """A uniform day in [first, last]."""
        start = first.toordinal()
        return date.fromordinal(start + int(self.rng.random() * (last.toordinal() - start + 1)))
