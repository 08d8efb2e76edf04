"""Candidate duplicate people: blocking on name keys, then a transparent score.

Why this shape: comparing every pair of 100,000 people is 5 x 10^9 comparisons;
comparing only people who share a name key (``names``) is a few hundred thousand.
Two passes:

* **exact**: people sharing a name key, compared when their birth years are at most
  ``YEAR_WINDOW`` apart (or unknown) -- a large block is walked in birth-year order, so
  its cost stays linear in its size times the window;
* **near**: people sharing a surname and the first letters of their folded given name,
  born within a year of each other, with given names at least ``NEAR_RATIO`` similar
  -- this finds typos, and is where similar but different people (김정일 / 김정은,
  "Kim Jong-il" / "Kim Jong-un") meet, only to score low.

The score adds evidence in points, each reason written down so that an editor sees
why a pair is proposed: a shared name key, the same Hangul (or a different one,
which weighs heavily against), birth year, sex, a shared place (LIVED_AT or
TAKEN_FROM) and nationality. A near-name match can never reach ``high``.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from loaders.resolution.names import NameForm, name_forms

YEAR_WINDOW = 2
NEAR_PREFIX = 3
NEAR_RATIO = 0.7
#: Blocks larger than this are walked in birth-year order only (people without a
#: birth year are not compared inside them: too common a name says too little).
LARGE_BLOCK = 200

HIGH, MEDIUM, LOW = "high", "medium", "low"
THRESHOLDS = ((HIGH, 6.5), (MEDIUM, 5.0), (LOW, 3.5))
#: A pair whose names only nearly match is capped below this score.
NEAR_CAP = 6.4


@dataclass(frozen=True)
class PersonFeatures:
    """What matching looks at, for one person record."""

    uid: str
    names: tuple[str, ...]
    forms: tuple[NameForm, ...]
    keys: frozenset[str]
    hangul: frozenset[str]
    birth_year: int | None = None
    sex: str | None = None
    nationality: str | None = None
    places: frozenset[str] = frozenset()

    @property
    def korean_forms(self) -> tuple[NameForm, ...]:
        return tuple(f for f in self.forms if "~" not in f.surnames and "=" not in f.surnames)


def features(row: dict) -> PersonFeatures:
    """Features from a person row (``uid``, ``name_en``, ``name_ko``, ``name_variants``,
    ``birth_year``, ``sex``, ``nationality``, ``places``)."""
    names = tuple(n for n in (row.get("name_en"), row.get("name_ko"), *(row.get("name_variants") or []))
                  if n)
    forms = tuple(dict.fromkeys(f for n in names for f in name_forms(n)))
    keys = frozenset(k for f in forms for k in f.keys())
    hangul = frozenset(f.hangul for f in forms if f.hangul)
    sex = row.get("sex") if row.get("sex") not in (None, "unknown") else None
    nationality = row.get("nationality") if row.get("nationality") not in (None, "unknown") else None
    return PersonFeatures(row["uid"], names, forms, keys, hangul, row.get("birth_year"), sex,
                          nationality, frozenset(row.get("places") or ()))


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    score: float
    confidence: str
    reasons: tuple[str, ...] = field(default=())

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b)


def confidence_of(score: float) -> str | None:
    for name, floor in THRESHOLDS:
        if score >= floor:
            return name
    return None


def _near_ratio(a: PersonFeatures, b: PersonFeatures) -> float:
    best = 0.0
    for fa in a.korean_forms:
        for fb in b.korean_forms:
            if fa.surnames & fb.surnames:
                best = max(best, difflib.SequenceMatcher(None, fa.given, fb.given).ratio())
    return best


def score(a: PersonFeatures, b: PersonFeatures) -> tuple[float, tuple[str, ...]]:
    """Points for and against ``a`` and ``b`` being one person, with the reasons."""
    points, why = 0.0, []
    exact = bool(a.keys & b.keys)
    if exact:
        points += 4.0
        why.append("names share a key (" + sorted(a.keys & b.keys)[0] + ")")
    else:
        ratio = _near_ratio(a, b)
        points += 4.0 * ratio - 2.5
        why.append(f"names only similar ({ratio:.2f})")
    if a.hangul and b.hangul:
        if a.hangul & b.hangul:
            points += 1.5
            why.append("same Hangul name")
        else:
            points -= 4.0
            why.append("different Hangul names")
    if a.birth_year is not None and b.birth_year is not None:
        gap = abs(a.birth_year - b.birth_year)
        points += {0: 2.0, 1: 1.0, 2: 0.0}.get(gap, -4.0)
        why.append("same birth year" if gap == 0 else f"birth years {gap} apart")
    if a.sex and b.sex:
        points += 0.5 if a.sex == b.sex else -3.0
        why.append("same sex" if a.sex == b.sex else "different sex")
    if a.places and b.places:
        shared = a.places & b.places
        points += 1.5 if shared else -0.5
        why.append(f"shared place {sorted(shared)[0]}" if shared else "no place in common")
    if a.nationality and b.nationality and a.nationality != b.nationality:
        points -= 0.5
        why.append("different nationality")
    if not exact:
        points = min(points, NEAR_CAP)
    return round(points, 2), tuple(why)


def _pairs_in_block(members: list[PersonFeatures], window: int) -> Iterator[tuple[int, int]]:
    """Index pairs of a block worth comparing: birth years within ``window`` (or unknown)."""
    if len(members) <= LARGE_BLOCK:
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                ya, yb = members[i].birth_year, members[j].birth_year
                if ya is None or yb is None or abs(ya - yb) <= window:
                    yield i, j
        return
    ordered = sorted((m.birth_year, i) for i, m in enumerate(members) if m.birth_year is not None)
    for pos, (year, i) in enumerate(ordered):
        for year2, j in ordered[pos + 1:]:
            if year2 - year > window:
                break
            yield i, j


@dataclass
class Blocking:
    """How much work blocking left (for the report)."""

    exact_blocks: int = 0
    near_blocks: int = 0
    compared: int = 0
    largest_block: int = 0


def _blocks(people: list[PersonFeatures]) -> tuple[dict, dict]:
    exact: dict[str, list[int]] = defaultdict(list)
    near: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        for key in person.keys:
            if not key.startswith(("~|", "=|")) or len(person.keys) == 1 or not person.korean_forms:
                exact[key].append(index)
        for form in person.korean_forms:
            for surname in form.surnames:
                near[f"{surname}|{form.given[:NEAR_PREFIX]}"].append(index)
    return exact, near


def find_candidates(people: Iterable[PersonFeatures], min_confidence: str = LOW,
                    stats: Blocking | None = None) -> list[Candidate]:
    """Candidate pairs at ``min_confidence`` or above, best first."""
    people = list(people)
    stats = stats if stats is not None else Blocking()
    exact, near = _blocks(people)
    stats.exact_blocks, stats.near_blocks = len(exact), len(near)
    stats.largest_block = max((len(v) for v in exact.values()), default=0)
    seen: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    floor = dict(THRESHOLDS)[min_confidence]

    def consider(i: int, j: int) -> None:
        pair = (i, j) if i < j else (j, i)
        if pair in seen or people[i].uid == people[j].uid:
            return
        seen.add(pair)
        stats.compared += 1
        a, b = sorted((people[i], people[j]), key=lambda p: p.uid)
        points, why = score(a, b)
        if points >= floor:
            out.append(Candidate(a.uid, b.uid, points, confidence_of(points), why))

    for members in exact.values():
        if len(members) > 1:
            block = [people[i] for i in members]
            for i, j in _pairs_in_block(block, YEAR_WINDOW):
                consider(members[i], members[j])
    for members in near.values():
        if len(members) > 1:
            block = [people[i] for i in members]
            for i, j in _pairs_in_block(block, 1):
                a, b = block[i], block[j]
                if (a.birth_year is None or b.birth_year is None
                        or (a.sex and b.sex and a.sex != b.sex) or a.keys & b.keys):
                    continue
                if _near_ratio(a, b) >= NEAR_RATIO:
                    consider(members[i], members[j])
    out.sort(key=lambda c: (-c.score, c.a, c.b))
    return out
