"""Turn one scenario case into interchange records.

Why one place: every category goes through the same steps in the same order
-- sources first (so facts can cite them), the victim, events (created once
per group and shared), the victim's places, relatives, a witness,
proceedings, consent -- so the output has one shape and every fact
relationship cites at least one source of the victim's case.

Why a showcase: the rare categories (Japanese and other foreign abductees) and
forums (US, Japanese and Chinese courts) come up once or twice at demo scale,
and the realistic mix of consents and source terms then leaves them out of the
public graph, so the demo's charts and filters would never show them. The first
``SHOWCASE`` victims of each category and of each forum are therefore
documented so that the consent policy clears them -- an active consent to
publication, a public news report supporting the case, an editor's approval --
instead of anything bypassing the policy.
"""

from __future__ import annotations

from loaders.synthetic.cases import Case
from loaders.synthetic.categories import Profile
from loaders.synthetic.context import Context, Record, rel
from loaders.synthetic.evidence import (
    base_sources,
    consent,
    documentation_day,
    source,
    victim_consents,
)
from loaders.synthetic.people import event_record, relatives, victim_record, witness
from loaders.synthetic.proceedings import UN_FORUMS, choose_forums, proceeding

#: Victims per category and per forum documented to be publishable (see the module's doc).
SHOWCASE = 2


def victim_records(ctx: Context, profile: Profile) -> list[Record]:
    """All records of one new victim of ``profile``'s category."""
    case = profile.scenario(ctx)
    out: list[Record] = []
    uid = ctx.uid("p")
    owner = ctx.pick(profile.owners)
    first_year = case.incidents[0].when["year"]
    sources = base_sources(ctx, out, profile.source_kinds, f"the case of {case.name.name_en}",
                           uid, owner, first_year)
    out.append(victim_record(ctx, uid, case, profile.key, owner))
    for incident in case.incidents:
        if incident.uid is None:
            incident.uid = ctx.uid("e")
            out.append(event_record(incident.uid, incident.kind, incident.when,
                                    incident.summary()))
            out.append(rel("OCCURRED_AT", incident.uid, incident.place, sources))
            for body, role in incident.perpetrators:
                out.append(rel("PERPETRATED_BY", incident.uid, body, sources, {"role": role}))
        out.append(rel("SUBJECTED_TO", uid, incident.uid, sources))
    for type_, location, props in case.places:
        out.append(rel(type_, uid, location, [ctx.choice(sources)], props))
    relatives(ctx, out, uid, case, profile, owner, sources)
    witness(ctx, out, case, profile, case.incidents[0].uid, owner)
    forums = choose_forums(ctx, profile, case.status)
    for forum in forums:
        proceeding(ctx, out, forum, uid, case, profile.key, owner)
    victim_consents(ctx, out, uid, owner, first_year,
                    by_family=out_of_reach(case.status),
                    un_case=any(forum in UN_FORUMS for forum in forums))
    keys = [f"category:{profile.key}", *(f"forum:{forum}" for forum in forums)]
    if any(ctx.showcased.get(key, 0) < SHOWCASE for key in keys):
        showcase(ctx, out, uid, case, owner, first_year, sources)
        for key in keys:
            ctx.showcased[key] = ctx.showcased.get(key, 0) + 1
    return out


def showcase(ctx: Context, out: list[Record], uid: str, case: Case, owner: str, first_year: int,
             sources: list[str]) -> None:
    """Document victim ``uid`` so that the consent policy publishes it (and its events,
    places and proceedings): an editor's approval and no at-risk flag, a public news
    report cited by every fact its other sources support, and an active consent to
    publication (the family's for the dead, disappeared or detained) unless one exists."""
    person = next(r for r in out if r["record"] == "Person" and r["uid"] == uid)
    person.pop("at_risk", None)
    if person.get("review_status") != "approved":
        person["review_status"] = "approved"
        person["reviewed_by"] = f"editor-{ctx.between(1, 12):02d}"
        person["reviewed_on"] = documentation_day(ctx, first_year).isoformat()
    news = source(ctx, out, "news_article", f"the case of {case.name.name_en}", uid, owner,
                  documentation_day(ctx, first_year), terms="public")
    cited = set(sources)
    for record in out:
        if record["record"] == "rel" and cited & set(record.get("sources") or ()):
            record["sources"].append(news)
    consents = {r["to"] for r in out if r["record"] == "rel" and r["type"] == "GAVE"
                and r["from"] == uid}
    if not any(r["record"] == "Consent" and r["uid"] in consents
               and r["purpose"] == "publication" and "withdrawn_on" not in r for r in out):
        consent(ctx, out, uid, "publication", owner, documentation_day(ctx, first_year),
                by_family=out_of_reach(case.status))


def out_of_reach(status: str) -> bool:
    """Whether consent must come from the family (dead, disappeared or detained)."""
    return status in ("missing", "deceased", "detained", "unknown")
