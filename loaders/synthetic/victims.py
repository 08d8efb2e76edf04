"""Turn one scenario case into interchange records.

Why one place: every category goes through the same steps in the same order
-- sources first (so facts can cite them), the victim, events (created once
per group and shared), the victim's places, relatives, a witness,
proceedings, consent -- so the output has one shape and every fact
relationship cites at least one source of the victim's case.
"""

from __future__ import annotations

from loaders.synthetic.categories import Profile
from loaders.synthetic.context import Context, Record, rel
from loaders.synthetic.evidence import base_sources, victim_consents
from loaders.synthetic.people import event_record, relatives, victim_record, witness
from loaders.synthetic.proceedings import UN_FORUMS, choose_forums, proceeding


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
    return out


def out_of_reach(status: str) -> bool:
    """Whether consent must come from the family (dead, disappeared or detained)."""
    return status in ("missing", "deceased", "detained", "unknown")
