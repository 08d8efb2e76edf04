"""Sources and consent records: the two things publication turns on.

Why the mix matters: the consent policy publishes a fact only if a source
behind it permits public use, and a person only with consent *to
publication* (the family's, for the dead and disappeared), reviewed by an
editor. So the data must hold all the hard cases: petitions and UN
communications that are UN-only even though the UN publishes them;
testimony mostly internal or partner-only; UN-submission-only consents (the
2021 FOOTPRINTS failure); consents later withdrawn; partner-sharing
consents; relatives inside the DPRK, some even with a recorded consent that
rule 4 must override; and victims with no consent at all.
"""

from __future__ import annotations

from datetime import date, timedelta

from loaders.synthetic.context import Context, Record, Weighted, rel
from loaders.synthetic.organizations import ORGANIZATION_UIDS

TERMS_BY_KIND = {
    "testimony": Weighted({"public": 25, "partners": 30, "internal": 45}),
    "letter": Weighted({"public": 15, "partners": 30, "internal": 55}),
    "photo": Weighted({"public": 40, "partners": 30, "internal": 30}),
    "video": Weighted({"public": 35, "partners": 35, "internal": 30}),
    "official_document": Weighted({"public": 65, "partners": 25, "internal": 10}),
    "news_article": Weighted({"public": 1}),
    "un_communication": Weighted({"un_only": 1}),
    "petition": Weighted({"un_only": 1}),
}
TITLES = {
    "testimony": "testimony", "letter": "letter", "photo": "photograph", "video": "video",
    "official_document": "official record", "news_article": "news report",
    "un_communication": "UN communication", "petition": "petition",
}
URL_BASE = {"news_article": "https://news.example.org/synthetic/",
            "official_document": "https://archive.example.org/synthetic/"}
SOURCE_COUNT = Weighted({1: 88, 2: 10, 3: 2})
METHODS = Weighted({"written": 45, "oral_recorded": 25, "oral_witnessed": 15, "electronic": 15})
#: What a victim without a UN case has consented to.
CONSENT_MIX = Weighted({"none": 18, "publication": 48, "internal": 16, "un_submission": 10,
                        "partner_sharing": 8})
LAST_DAY = date(2025, 6, 30)


def documentation_day(ctx: Context, first_year: int) -> date:
    """A day on which something about an event of ``first_year`` was documented."""
    low = max(1995, first_year + 1)
    low = min(low, 2024)
    return ctx.day_between(date(low, 1, 1), date(2024, 12, 31))


def source(ctx: Context, out: list[Record], kind: str, about: str, subject_uid: str,
           owner: str, on: date, terms: str | None = None) -> str:
    """Write a Source about ``about`` and its SUPPORTS link to ``subject_uid``."""
    uid = ctx.uid("src")
    if terms is None:
        terms = ctx.pick(TERMS_BY_KIND[kind])
    submitted_by = owner if ctx.chance(0.85) else ctx.choice(ORGANIZATION_UIDS)
    record: Record = {"record": "Source", "uid": uid, "kind": kind,
                      "title": f"Synthetic {TITLES[kind]} about {about} ({on.year})",
                      "terms_of_use": terms, "submitted_by": submitted_by,
                      "submitted_on": on.isoformat()}
    if kind in URL_BASE and terms == "public":
        record["url"] = URL_BASE[kind] + uid
    record["synthetic"] = True
    out.append(record)
    out.append(rel("SUPPORTS", uid, subject_uid))
    return uid


def base_sources(ctx: Context, out: list[Record], kinds: Weighted, about: str,
                 subject_uid: str, owner: str, first_year: int) -> list[str]:
    """The one to three sources a victim's case rests on."""
    return [source(ctx, out, ctx.pick(kinds), about, subject_uid, owner,
                   documentation_day(ctx, first_year))
            for _ in range(ctx.pick(SOURCE_COUNT))]


def consent(ctx: Context, out: list[Record], person_uid: str, purpose: str, owner: str,
            on: date, by_family: bool, withdrawn: bool = False) -> None:
    """Write one Consent and its GAVE link from ``person_uid``."""
    uid = ctx.uid("con")
    record: Record = {"record": "Consent", "uid": uid, "purpose": purpose}
    if purpose == "partner_sharing":
        record["partner"] = ctx.choice([org for org in ORGANIZATION_UIDS if org != owner])
    method = ctx.pick(METHODS)
    evidence = "recording" if method == "oral_recorded" else "form"
    record.update({"given_on": on.isoformat(), "obtained_by": owner, "method": method,
                   "evidence": f"Synthetic consent {evidence} ref. CF-{on.year}-{uid[4:]}",
                   "by_family": by_family})
    if withdrawn:
        record["withdrawn_on"] = min(on + timedelta(days=ctx.between(30, 1500)),
                                     LAST_DAY).isoformat()
    record["synthetic"] = True
    out.append(record)
    out.append(rel("GAVE", person_uid, uid))


def victim_consents(ctx: Context, out: list[Record], person_uid: str, owner: str,
                    first_year: int, by_family: bool, un_case: bool) -> None:
    """The realistic mix of consents for one victim (or none)."""
    on = documentation_day(ctx, first_year)
    if un_case:
        consent(ctx, out, person_uid, "un_submission", owner, on, by_family)
        if ctx.chance(0.25):
            consent(ctx, out, person_uid, "publication", owner,
                    documentation_day(ctx, first_year), by_family, withdrawn=ctx.chance(0.06))
        return
    purpose = ctx.pick(CONSENT_MIX)
    if purpose == "none":
        return
    consent(ctx, out, person_uid, purpose, owner, on, by_family,
            withdrawn=purpose == "publication" and ctx.chance(0.06))
    if purpose == "publication" and ctx.chance(0.08):
        consent(ctx, out, person_uid, "partner_sharing", owner,
                documentation_day(ctx, first_year), by_family)


def third_party_consent(ctx: Context, out: list[Record], person_uid: str, owner: str,
                        first_year: int, in_dprk: bool) -> None:
    """Consent for a relative or witness: usually internal use; publication only for
    people outside the DPRK, except a few recorded inside it that the policy must refuse."""
    roll = ctx.rng.random()
    on = documentation_day(ctx, first_year)
    if in_dprk:
        if roll < 0.03:
            consent(ctx, out, person_uid, "publication", owner, on, by_family=True)
        elif roll < 0.3:
            consent(ctx, out, person_uid, "internal", owner, on, by_family=False)
        return
    if roll < 0.2:
        consent(ctx, out, person_uid, "publication", owner, on, by_family=False,
                withdrawn=ctx.chance(0.05))
    elif roll < 0.4:
        consent(ctx, out, person_uid, "internal", owner, on, by_family=False)
