"""Candidate duplicate people: blocking on name keys, then a transparent score.

Why this shape: comparing every pair of 100,000 people is 5 x 10^9 comparisons;
comparing only people who share a name key (``names``) is a few hundred thousand.
Two passes:

* **exact**: people sharing a name key, compared when their birth years are at most
  ``YEAR_WINDOW`` apart (or unknown) -- a large block is walked in birth-year order, so
  its cost stays linear in its size times the window;
* **near**: people sharing a surname, the first letters of their folded given name
  and their birth year, with given names at least ``NEAR_RATIO`` similar -- this
  finds typos, and is where similar but different people (김정일 / 김정은,
  "Kim Jong-il" / "Kim Jong-un") meet, only to score low.

The score adds evidence in points (a hand-tuned Fellegi–Sunter model), each reason
written down so that an editor sees why a pair is proposed: a shared name key --
worth less the more people share it, since namesakes are common among Korean names
--, the same Hangul (or a different one, which weighs heavily against), birth year,
sex, a shared place (LIVED_AT or TAKEN_FROM), victim category and nationality. A
near-name match can never reach ``high``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

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
#: Points for sharing a name key held by at most four people; a key held by more
#: people is worth one point less for each doubling, down to ``NAME_FLOOR``.
NAME_POINTS, NAME_FLOOR = 4.0, 1.0


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
    category: str | None = None

    @property
    def korean_forms(self) -> tuple[NameForm, ...]:
        return tuple(f for f in self.forms if "~" not in f.surnames and "=" not in f.surnames)


def _known(value):
    return value if value not in (None, "", "unknown") else None


def features(row: Mapping) -> PersonFeatures:
    """Features from a person row (``uid``, ``name_en``, ``name_ko``, ``name_variants``,
    ``birth_year``, ``sex``, ``nationality``, ``category``, ``places``)."""
    names = tuple(n for n in (row.get("name_en"), row.get("name_ko"), *(row.get("name_variants") or []))
                  if n)
    forms = tuple(dict.fromkeys(f for n in names for f in name_forms(n)))
    keys = frozenset(k for f in forms for k in f.keys())
    hangul = frozenset(f.hangul for f in forms if f.hangul)
    return PersonFeatures(row["uid"], names, forms, keys, hangul, row.get("birth_year"),
                          _known(row.get("sex")), _known(row.get("nationality")),
                          frozenset(row.get("places") or ()), _known(row.get("category")))


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


def near_ratio(a: PersonFeatures, b: PersonFeatures) -> float:
    """How alike the given names are (0..1) where the surnames may be the same: ``similarity``
    of their folded forms."""
    best = 0.0
    for fa in a.korean_forms:
        for fb in b.korean_forms:
            if fa.surnames & fb.surnames:
                best = max(best, similarity(fa.given, fb.given))
    return best


def similarity(a: str, b: str) -> float:
    """2 x the longest common subsequence / the total length (rapidfuzz's normalised Indel
    similarity). Why not difflib's ratio (the same formula over greedy matching blocks): it
    misses what a swapped pair of letters leaves in common (``kyongyong`` / ``kyoknyong``,
    from "Kyung-young" typed "Kyugn-young": 0.56 against 0.89), and it is ~40 times slower."""
    return Indel.normalized_similarity(a, b)


def name_points(frequency: int) -> float:
    """What sharing a name key is worth when ``frequency`` people hold it."""
    return max(NAME_FLOOR, NAME_POINTS - max(0.0, math.log2(max(frequency, 1)) - 2.0))


def score(a: PersonFeatures, b: PersonFeatures,
          frequency: Mapping[str, int] | None = None) -> tuple[float, tuple[str, ...]]:
    """Points for and against ``a`` and ``b`` being one person, with the reasons.
    ``frequency`` counts the people holding each name key (default: rare names)."""
    points, why = 0.0, []
    shared = a.keys & b.keys
    if shared:
        korean = [k for k in shared if not k.startswith(("~|", "=|"))] or list(shared)
        key = min(korean, key=lambda k: ((frequency or {}).get(k, 1), k))
        count = (frequency or {}).get(key, 1)
        points += name_points(count)
        why.append(f"names share the key {key}" + (f" (held by {count} people)" if count > 2 else ""))
    else:
        ratio = near_ratio(a, b)
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
        common = a.places & b.places
        points += 1.5 if common else -0.5
        why.append(f"shared place {sorted(common)[0]}" if common else "no place in common")
    if a.category and b.category:
        points += 0.5 if a.category == b.category else -1.0
        why.append("same victim category" if a.category == b.category else "different victim category")
    if a.nationality and b.nationality and a.nationality != b.nationality:
        points -= 0.5
        why.append("different nationality")
    if not shared:
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
        korean = person.korean_forms
        for key in person.keys:
            if not korean or not key.startswith(("~|", "=|")):
                exact[key].append(index)
        if person.birth_year is None:
            continue
        for block in {f"{s}|{f.given[:NEAR_PREFIX]}|{person.birth_year}"
                      for f in korean for s in f.surnames}:
            near[block].append(index)
    return exact, near


def key_frequency(people: Iterable[PersonFeatures]) -> Counter:
    """How many people hold each name key."""
    return Counter(k for p in people for k in p.keys)


def find_candidates(people: Iterable[PersonFeatures], min_confidence: str = LOW,
                    stats: Blocking | None = None) -> list[Candidate]:
    """Candidate pairs at ``min_confidence`` or above, best first."""
    people = list(people)
    stats = stats if stats is not None else Blocking()
    frequency = key_frequency(people)
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
        points, why = score(a, b, frequency)
        if points >= floor:
            out.append(Candidate(a.uid, b.uid, points, confidence_of(points), why))

    for members in exact.values():
        if len(members) > 1:
            block = [people[i] for i in members]
            for i, j in _pairs_in_block(block, YEAR_WINDOW):
                consider(members[i], members[j])
    for members in near.values():
        if len(members) > 1:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    a, b = people[i], people[j]
                    if (a.sex and b.sex and a.sex != b.sex) or a.keys & b.keys:
                        continue
                    if near_ratio(a, b) >= NEAR_RATIO:
                        consider(i, j)
    out.sort(key=lambda c: (-c.score, c.a, c.b))
    return out
