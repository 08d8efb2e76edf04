"""Person records: victims, their relatives and witnesses.

Why relatives and witnesses matter here: they are the third parties the
consent policy must protect. A relative or witness living inside the DPRK
(``in_dprk``) may never be published with identifying data, whatever consent
is on file -- the 2021 failure exposed exactly such family details from UN
petitions. So a realistic share of them live inside the DPRK, some with the
place they live recorded, and their names follow the family's (Korean with
North Korean spelling, Japanese, or that of the victim's nationality).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.vocabularies import age_group
from loaders.synthetic.cases import Case
from loaders.synthetic.categories import Profile
from loaders.synthetic.context import Context, Record, Weighted, rel
from loaders.synthetic.evidence import documentation_day, source, third_party_consent
from loaders.synthetic.names import JAPANESE_BY_PLAIN, Name, japanese, korean, western

REVIEW = Weighted({"approved": 80, "pending": 17, "rejected": 3})
RELATIVE_COUNT = Weighted({1: 80, 2: 17, 3: 3})
SAME_LINE = frozenset({"child", "sibling", "grandchild"})
BIRTH_OFFSET = {"child": (18, 38), "parent": (-40, -18), "sibling": (-10, 10),
                "spouse": (-6, 6), "grandchild": (40, 65), "other": (-30, 30)}
NOT_PRESENT = frozenset({"missing", "deceased", "detained", "unknown"})
NOTES = (
    "Synthetic note: the family asks to be contacted before any publication.",
    "Synthetic note: details to be checked against a second testimony.",
    "Synthetic note: case raised at a family association meeting.",
    "Synthetic note: the photograph on file is of poor quality.",
    "Synthetic note: dates reconstructed from a relative's memory.",
)


def _review(ctx: Context, record: Record) -> None:
    status = ctx.pick(REVIEW)
    record["review_status"] = status
    if status != "pending":
        record["reviewed_by"] = f"editor-{ctx.between(1, 12):02d}"
        record["reviewed_on"] = ctx.day_between(date(2015, 1, 1), date(2025, 6, 30)).isoformat()


def _names(record: Record, name: Name) -> None:
    record["name_en"] = name.name_en
    if name.name_ko:
        record["name_ko"] = name.name_ko
    record["name_variants"] = name.variants


def victim_record(ctx: Context, uid: str, case: Case, category: str, owner: str) -> Record:
    """The Person record of a victim."""
    record: Record = {"record": "Person", "uid": uid, "roles": ["Victim"]}
    _names(record, case.name)
    occupation = case.occupation
    if occupation == "student" and case.age >= 30:
        occupation = "other"
    record.update({
        "sex": case.sex, "birth_year": case.birth_year, "nationality": case.nationality,
        "occupation": occupation, "status": case.status, "category": category,
        "age_group": age_group(case.age),
        "deceased_or_disappeared": case.status in NOT_PRESENT, "owner": owner,
    })
    _review(ctx, record)
    if case.status == "escaped" and ctx.chance(0.25) or (
            case.nationality == "KP" and case.status == "returned" and ctx.chance(0.3)):
        record["at_risk"] = True
    if case.status in ("returned", "escaped") and ctx.chance(0.3):
        record["contact"] = f"synthetic-contact-{uid}@example.invalid"
    if ctx.chance(0.12):
        record["notes"] = ctx.choice(NOTES)
    record["synthetic"] = True
    return record


def _third_party(ctx: Context, uid: str, role: str, name: Name, sex: str, birth_year: int,
                 nationality: str, in_dprk: bool, owner: str) -> Record:
    record: Record = {"record": "Person", "uid": uid, "roles": [role]}
    _names(record, name)
    record.update({"sex": sex, "birth_year": birth_year, "nationality": nationality,
                   "in_dprk": in_dprk, "at_risk": in_dprk and ctx.chance(0.85),
                   "deceased_or_disappeared": False, "owner": owner})
    _review(ctx, record)
    record["synthetic"] = True
    return record


def _relative_name(ctx: Context, case: Case, relation: str, sex: str, birth_year: int,
                   in_dprk: bool) -> tuple[Name, str]:
    """A relative's name and nationality, following the family's naming culture."""
    same_line = relation in SAME_LINE
    family = case.family_names
    if in_dprk or family in ("korean", "north"):
        korean_surname = same_line and family in ("korean", "north")
        surname = case.name.surname if korean_surname else None
        north = in_dprk or family == "north"
        if in_dprk:
            nationality = "KP"
        elif family == "north":
            nationality = "KR" if ctx.chance(0.7) else "KP"
        elif case.nationality == "KR":
            nationality = "KR"
        else:
            nationality = ctx.choice(("JP", "KR", "KP"))
        return korean(ctx, sex, birth_year, north=north, surname=surname), nationality
    if family == "japanese":
        surname = JAPANESE_BY_PLAIN.get(case.name.surname) if same_line else None
        return japanese(ctx, sex, surname), "JP"
    return western(ctx, family, sex, case.name.surname if same_line else None), family


def relatives(ctx: Context, out: list[Record], victim_uid: str, case: Case, profile: Profile,
              owner: str, sources: list[str]) -> None:
    """Relatives of a victim, their RELATIVE_OF links, homes inside the DPRK and consent."""
    if not ctx.chance(profile.relatives):
        return
    first_year = case.incidents[0].when["year"]
    for _ in range(ctx.pick(RELATIVE_COUNT)):
        relation = ctx.pick(profile.relations)
        in_dprk = ctx.chance(profile.relatives_in_dprk)
        if relation == "spouse":
            sex = "female" if case.sex == "male" else "male"
        else:
            sex = "male" if ctx.chance(0.5) else "female"
        low, high = BIRTH_OFFSET[relation]
        birth_year = min(case.birth_year + ctx.between(low, high), 2010)
        name, nationality = _relative_name(ctx, case, relation, sex, birth_year, in_dprk)
        uid = ctx.uid("p")
        out.append(_third_party(ctx, uid, "Relative", name, sex, birth_year, nationality,
                                in_dprk, owner))
        out.append(rel("RELATIVE_OF", uid, victim_uid, [ctx.choice(sources)],
                       {"relation": relation}))
        if in_dprk and case.dprk_home and ctx.chance(0.3):
            out.append(rel("LIVED_AT", uid, case.dprk_home, [ctx.choice(sources)]))
        third_party_consent(ctx, out, uid, owner, first_year, in_dprk)


def witness(ctx: Context, out: list[Record], case: Case, profile: Profile, event_uid: str,
            owner: str) -> None:
    """Sometimes a witness of the victim's first event, with their own testimony."""
    if not ctx.chance(profile.witnesses):
        return
    first_year = case.incidents[0].when["year"]
    in_dprk = ctx.chance(profile.witnesses_in_dprk)
    sex = "male" if ctx.chance(0.55) else "female"
    birth_year = min(first_year - ctx.between(16, 60), 2008)
    north = in_dprk or case.family_names == "north" or case.nationality != "KR"
    name = korean(ctx, sex, birth_year, north=north)
    nationality = "KP" if in_dprk else "KR"
    uid = ctx.uid("p")
    out.append(_third_party(ctx, uid, "Witness", name, sex, birth_year, nationality, in_dprk,
                            owner))
    testimony = source(ctx, out, "testimony", "an event seen by a witness", event_uid, owner,
                       documentation_day(ctx, first_year))
    out.append(rel("WITNESSED", uid, event_uid, [testimony]))
    third_party_consent(ctx, out, uid, owner, first_year, in_dprk)


def event_record(uid: str, kind: str, when: dict[str, Any], summary: tuple[str, str]) -> Record:
    record: Record = {"record": "Event", "uid": uid, "kind": kind}
    record.update(when)
    record.update({"summary_en": summary[0], "summary_ko": summary[1], "synthetic": True})
    return record
