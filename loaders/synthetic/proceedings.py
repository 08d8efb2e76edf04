"""Proceedings: UN working-group communications and court cases.

Why: lawyers link a case to the communications and judgments about it, the
bodies they name and the instruments they invoke. WGEID communications are
common for abductees and POWs (family associations have filed many), WGAD
opinions concern people still detained, and a few cases reached South
Korean, Japanese, US or Chinese courts. Petitions and UN communications are
UN-only sources: the UN publishing a document does not make it publishable
here.
"""

from __future__ import annotations

from datetime import date, timedelta

from graph.vocabularies import label
from loaders.synthetic.cases import Case
from loaders.synthetic.categories import Profile
from loaders.synthetic.context import Context, Record, Weighted, rel
from loaders.synthetic.evidence import source

LAST_DAY = date(2025, 6, 30)
UN_FORUMS = frozenset({"un_wgeid", "un_wgad"})
STATUSES = {
    "un_wgeid": Weighted({"transmitted": 55, "pending": 20, "closed": 10, "submitted": 15}),
    "un_wgad": Weighted({"decided": 60, "pending": 25, "transmitted": 15}),
    "court_kr": Weighted({"decided": 60, "pending": 40}),
    "court_jp": Weighted({"decided": 60, "pending": 40}),
    "court_us": Weighted({"decided": 70, "pending": 30}),
    "court_cn": Weighted({"closed": 1}),
}
JUDGMENTS = {
    "court_kr": Weighted({"judgment_plaintiff": 80, "judgment_defendant": 10, "dismissed": 10}),
    "court_jp": Weighted({"dismissed": 50, "judgment_plaintiff": 40, "judgment_defendant": 10}),
    "court_us": Weighted({"judgment_plaintiff": 90, "dismissed": 10}),
}
#: Earliest filing year in each forum.
OPENED = {"un_wgeid": 2005, "un_wgad": 1995, "court_kr": 2005, "court_jp": 2018,
          "court_us": 2005, "court_cn": 1995}


def choose_forums(ctx: Context, profile: Profile, status: str) -> list[str]:
    """The forums a victim's case has been brought to (often none).

    Each UN working group is its own draw. A case reaches at most one country's
    courts, so the courts share one draw, split by their chances in the profile's
    order (a profile with one court draws exactly as one with several would for it).
    """
    chosen: list[str] = []
    courts = [(forum, chance) for forum, chance in profile.forums.items()
              if forum.startswith("court_")]
    for forum, chance in profile.forums.items():
        if forum.startswith("court_"):
            if forum == courts[0][0]:
                draw, low = ctx.rng.random(), 0.0
                for court, share in courts:
                    if low <= draw < low + share:
                        chosen.append(court)
                    low += share
        elif (forum != "un_wgad" or status == "detained") and ctx.chance(chance):
            chosen.append(forum)
    return chosen


def _filed(ctx: Context, forum: str, first_year: int) -> date:
    low = max(OPENED[forum], first_year)
    if forum == "un_wgad":
        return ctx.day_between(date(min(low, 2024), 1, 1), date(min(low + 3, 2024), 12, 31))
    return ctx.day_between(date(min(low, 2024), 1, 1), date(2024, 12, 31))


def _reference(ctx: Context, forum: str, filed: date, decided: date | None) -> str:
    year = filed.year
    if forum == "un_wgeid":
        return f"WGEID case no. {10010000 + ctx.next_number('wgeid')}"
    if forum == "un_wgad":
        if decided is not None:
            return f"WGAD Opinion No. {ctx.between(1, 95)}/{decided.year}"
        return f"WGAD communication ref. {year}/{ctx.next_number('wgad'):05d}"
    if forum == "court_kr":
        return f"Seoul Central District Court {year}Gahap{ctx.between(500000, 599999)}"
    if forum == "court_jp":
        return f"Tokyo District Court {year} (Wa) No. {ctx.between(1000, 39999)}"
    if forum == "court_us":
        return (f"U.S. District Court for the District of Columbia, Civil Action No. "
                f"{year % 100:02d}-cv-{ctx.between(100, 3999):05d}")
    return f"({year}) Ji 24 Xing Chu No. {ctx.between(1, 400)}"


def _outcome(ctx: Context, forum: str, status: str) -> str:
    if forum == "un_wgeid":
        return {"closed": "case_clarified", "submitted": "none"}.get(status, "case_outstanding")
    if forum == "un_wgad":
        return "opinion_arbitrary" if status == "decided" else "none"
    if forum == "court_cn":
        return "dismissed"
    return ctx.pick(JUDGMENTS[forum]) if status == "decided" else "none"


def _invoked(ctx: Context, forum: str, category: str, year: int) -> list[str]:
    """Instruments and resources a proceeding relies on."""
    found: list[str] = []

    def maybe(uid: str, chance: float = 1.0) -> None:
        if ctx.chance(chance):
            found.append(uid)

    if forum == "un_wgeid":
        maybe("ins-decl-ed")
        maybe("ins-iccpr", 0.6)
        maybe("ins-cped", 0.4)
        maybe("ins-udhr", 0.4)
        if category == "war_pow":
            maybe("ins-gc3", 0.5)
            maybe("ins-armistice", 0.5)
        if category == "war_abductee":
            maybe("ins-gc4", 0.5)
        maybe("res-constitution", 0.2)
    elif forum == "un_wgad":
        maybe("ins-iccpr")
        maybe("ins-udhr")
        maybe("ins-cat", 0.3)
        maybe("res-criminal-law", 0.7)
        maybe("res-criminal-procedure", 0.6)
        maybe("res-constitution", 0.2)
        if category == "forced_repatriation":
            maybe("res-immigration-law", 0.5)
        if year >= 2007:
            maybe("res-people-security-law", 0.3)
        if year >= 2020:
            maybe("res-reactionary-thought-law", 0.5)
    elif forum == "court_kr":
        if category == "war_pow":
            found += ["ins-gc3", "ins-armistice"]
        elif category == "war_abductee":
            found += ["ins-gc4", "ins-udhr"]
        else:
            found += ["ins-udhr", "ins-iccpr"]
    elif forum == "court_jp":
        found += ["ins-iccpr", "ins-udhr"]
        if category == "japanese_abductee":
            maybe("res-pyongyang-declaration", 0.5)
    else:
        found += ["ins-cat", "ins-iccpr"] if forum == "court_us" else ["ins-cat", "ins-udhr"]
    return found


def proceeding(ctx: Context, out: list[Record], forum: str, victim_uid: str, case: Case,
               category: str, owner: str) -> None:
    """One proceeding about a victim, its sources and its links."""
    first_year = case.incidents[0].when["year"]
    filed = _filed(ctx, forum, first_year)
    status = ctx.pick(STATUSES[forum])
    decided = None
    if status in ("decided", "closed"):
        decided = min(filed + timedelta(days=ctx.between(120, 1500)), LAST_DAY)
    uid = ctx.uid("proc")
    record: Record = {"record": "Proceeding", "uid": uid, "forum": forum,
                      "reference": _reference(ctx, forum, filed, decided),
                      "title": f"Synthetic {label('forum', forum)} proceeding concerning "
                               f"{case.name.name_en}",
                      "date_filed": filed.isoformat()}
    if decided is not None:
        record["date_decided"] = decided.isoformat()
    record.update({"status": status, "outcome": _outcome(ctx, forum, status),
                   "synthetic": True})
    out.append(record)
    about = f"the case of {case.name.name_en}"
    if forum in UN_FORUMS:
        sources = [source(ctx, out, "petition", about, victim_uid, owner, filed, "un_only")]
        if ctx.chance(0.6):
            sources.append(source(ctx, out, "un_communication", about, uid, owner,
                                  decided or filed, "un_only"))
    else:
        sources = [source(ctx, out, "official_document", f"court case {record['reference']}",
                          uid, owner, decided or filed)]
    out.append(rel("CONCERNS", uid, victim_uid, sources))
    out.append(rel("FILED_BY", uid, owner, sources))
    named: list[str] = []
    for incident in case.incidents:
        for body, _role in incident.perpetrators:
            if body.startswith("body-") and body != "body-unknown" and body not in named:
                named.append(body)
    for body in named[:2]:
        out.append(rel("NAMES", uid, body, sources))
    for target in _invoked(ctx, forum, category, first_year):
        out.append(rel("INVOKES", uid, target, sources))
