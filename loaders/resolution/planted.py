"""A labelled sample for entity resolution: generated people plus planted duplicates.

Why: precision and recall need ground truth, and real duplicates cannot be shipped.
So we take synthetic people (``loaders.synthetic``) and copy some of them the way a
second organisation would have recorded them: in Revised Romanization or
McCune–Reischauer instead of the popular spelling, with spaces instead of hyphens,
in Hangul only (sometimes with the North Korean surname spelling), with the birth
year one off or missing, without the places. Every copy's uid says it is a copy;
the ground truth is every pair of records of one person.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from loaders.resolution.names import is_hangul
from loaders.romanize import romanize_name, split_name

PLACE_TYPES = ("LIVED_AT", "TAKEN_FROM")
#: Hangul surnames whose North Korean spelling keeps the initial ㄹ/ㄴ.
NORTHERN_SURNAME = {"이": "리", "임": "림", "노": "로", "유": "류", "나": "라", "양": "량"}
KOREAN_VARIANTS = ("rr", "mr", "dprk", "spacing", "hangul")


@dataclass
class PlantedSample:
    people: list[dict]
    truth: set[tuple[str, str]] = field(default_factory=set)
    kinds: Counter = field(default_factory=Counter)

    @property
    def copies(self) -> int:
        return sum(self.kinds.values())


def person_rows(records: Iterable[dict]) -> list[dict]:
    """Person rows (as matching reads them) from interchange records, with their places."""
    people: dict[str, dict] = {}
    places: dict[str, set[str]] = {}
    for record in records:
        if record.get("record") == "Person":
            people[record["uid"]] = {k: record.get(k) for k in (
                "uid", "name_en", "name_ko", "name_variants", "birth_year", "sex", "nationality", "category")}
        elif record.get("record") == "rel" and record.get("type") in PLACE_TYPES:
            places.setdefault(record["from"], set()).add(record["to"])
    for uid, row in people.items():
        row["places"] = sorted(places.get(uid, ()))
    return list(people.values())


def _korean_variant(rng: random.Random, row: dict, kind: str) -> dict:
    surname, given = split_name(row["name_ko"])
    copy = {"name_en": None, "name_ko": None, "name_variants": []}
    if kind == "rr":
        copy["name_en"] = romanize_name(surname, given, "rr", style=rng.choice(("hyphen", "compact")))
    elif kind == "mr":
        copy["name_en"] = romanize_name(surname, given, "mr", breves=rng.random() < 0.5,
                                        apostrophes=rng.random() < 0.5)
    elif kind == "dprk":
        copy["name_en"] = romanize_name(surname, given, "dprk", style=rng.choice(("spaced", "hyphen")))
    elif kind == "spacing":
        name = row["name_en"] or romanize_name(surname, given, "popular", style="hyphen")
        copy["name_en"] = name.replace("-", " ") if "-" in name else name.replace(" ", "-", 1)
        if rng.random() < 0.5:
            head, _, tail = copy["name_en"].partition(" ")
            copy["name_en"] = f"{head} {tail.replace(' ', '').replace('-', '').capitalize()}"
    else:
        north = NORTHERN_SURNAME.get(surname) if rng.random() < 0.3 else None
        copy["name_ko"] = (north or surname) + given
    return copy


def _other_variant(row: dict) -> dict:
    words = (row["name_en"] or "").split()
    return {"name_en": " ".join(reversed(words)), "name_ko": None, "name_variants": []}


def _copy(rng: random.Random, row: dict, uid: str) -> tuple[dict, str]:
    # Japanese names are also written in Hangul, with a space ("기무라 노리코"): not Korean.
    korean = bool(row.get("name_ko")) and is_hangul(row["name_ko"]) and " " not in row["name_ko"]
    if korean:
        kind = rng.choice(KOREAN_VARIANTS)
        copy = _korean_variant(rng, row, kind)
    else:
        kind = "order"
        copy = _other_variant(row)
    copy.update(uid=uid, sex=row.get("sex"), nationality=row.get("nationality"),
                category=row.get("category") if rng.random() < 0.9 else None)
    year = row.get("birth_year")
    roll = rng.random()
    copy["birth_year"] = (None if roll < 0.1 or year is None
                          else year + rng.choice((-1, 1)) if roll < 0.4 else year)
    copy["places"] = list(row.get("places") or []) if rng.random() < 0.7 else []
    return copy, kind


def plant(rows: list[dict], rate: float = 0.2, seed: int = 1) -> PlantedSample:
    """``rows`` plus copies of a ``rate`` share of them (one copy, sometimes two)."""
    rng = random.Random(seed)
    sample = PlantedSample(people=[dict(r) for r in rows])
    for row in rows:
        if not (row.get("name_en") or row.get("name_ko")) or rng.random() >= rate:
            continue
        group = [row["uid"]]
        for n in range(1 + (rng.random() < 0.2)):
            copy, kind = _copy(rng, row, f"{row['uid']}-dup{n + 1}")
            if not (copy["name_en"] or copy["name_ko"]):
                continue
            sample.people.append(copy)
            sample.kinds[kind] += 1
            group.append(copy["uid"])
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                sample.truth.add(tuple(sorted((a, b))))
    return sample


def generated_sample(victims: int = 500, seed: int = 1, rate: float = 0.2) -> PlantedSample:
    """Generate ``victims`` victims (with their relatives, witnesses and officials) and plant
    duplicates among all those people."""
    from loaders.synthetic import generate

    return plant(person_rows(generate(victims, seed=seed)), rate=rate, seed=seed)
