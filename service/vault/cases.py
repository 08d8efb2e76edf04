"""Lawyers' case files: a proceeding and everything the model connects to it, as one reader
may see it.

A case file is built hop by hop along the model's relationships (graph/model/
relationships.yml), and each hop only through records the reader may see
(``service.vault.visibility``), so that a hidden person's events never surface through
them:

1. from the proceeding: the people it concerns (``CONCERNS``), the bodies and officials it
   names (``NAMES``), the instruments it invokes (``INVOKES``), who filed it (``FILED_BY``);
2. from the people it concerns: the events they were subjected to (``SUBJECTED_TO``);
3. from those events: who perpetrated them (``PERPETRATED_BY``);
4. the sources that support any record shown (``SUPPORTS``) and the sources each
   relationship cites.

Every relationship shown is a *fact*, listed with its supporting sources and a visibility
badge (``service.vault.badges``); a fact whose other end, or a cited source, the reader
may not see is left out (the source) or counted in ``withheld`` (the fact). Every record
shown that is not Public is audited as read before the answer is built, and the answer
passes the free-text gate (``service.vault.text``): a title naming a person the reader may
not see is withheld.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph import queries
from graph.connections import Stores
from graph.model import MODEL
from service.vault.accounts import User
from service.vault.badges import BADGES, PUBLIC_BADGE, RESTRICTED_BADGE, badges
from service.vault.reads import (
    NotVisible,
    audit_reads,
    interchange,
    jsonable,
    require_visible,
    summarize,
)
from service.vault.text import withhold
from service.vault.visibility import Access, access_of, may_see

#: The hops of a case file: (relationship types, from which group of records, whether the
#: relationship leaves them). The proceeding's own types come from the model.
OWN_TYPES = tuple(name for name, rel in MODEL.relationships.items()
                  if rel.starts == ("Proceeding",) and not rel.private)
#: Where each related record goes in the case file, by relationship type and record type.
GROUPS = (("victims", "CONCERNS"), ("events", "SUBJECTED_TO"), ("perpetrators", "PERPETRATED_BY"),
          ("perpetrators", "NAMES"), ("instruments", "INVOKES"), ("organizations", "FILED_BY"))
#: Relationship types a lawyer or editor links and unlinks from a case file: the people a
#: proceeding concerns, and the people and bodies it names.
EDITABLE = ("CONCERNS", "NAMES")
#: How many proceedings the list shows at most (the newest filed first).
LIST_LIMIT = 500


def _links(stores: Stores, uids: Iterable[str], types: Iterable[str], outgoing: bool) -> list[dict]:
    uids = sorted(set(uids))
    if not uids:
        return []
    return queries.run(stores.vault, "vault/match_links", database=stores.database("vault"),
                       uids=uids, types=list(types), outgoing=outgoing)


def fact_badge(rel_type: str, ends: Iterable[str], sources: Iterable[str]) -> str:
    """A relationship is public only if both its ends are (rule 7) and, when it states a
    fact, a public source supports it (rule 3); otherwise it is as guarded as its most
    guarded end, or Restricted when both ends are public."""
    ends = list(ends)
    rel = MODEL.relationships[rel_type]
    if all(b == PUBLIC_BADGE for b in ends) and (not rel.fact or PUBLIC_BADGE in sources):
        return PUBLIC_BADGE
    guarded = [b for b in ends if b != PUBLIC_BADGE]
    return max(guarded, key=BADGES.index) if guarded else RESTRICTED_BADGE


def list_cases(stores: Stores, user: User) -> list[dict]:
    """The proceedings ``user`` may see, each with its badge (non-public ones audited)."""
    rows = queries.run(stores.vault, "vault/list_proceedings", database=stores.database("vault"),
                       limit=LIST_LIMIT)
    seen = {}
    summaries = {}
    for row in rows:
        access = Access.from_row(row["uid"], row["labels"], "Proceeding", row["owner"],
                                 row["linked"])
        if may_see(user, access):
            seen[row["uid"]] = access
            summaries[row["uid"]] = {k: v for k, v in jsonable(row["summary"]).items()
                                     if v is not None}
    marks = badges(stores, seen)
    audit_reads(stores, user, seen.values(), via="cases")
    out = [{"uid": uid, "type": "Proceeding", "badge": marks[uid], **summaries[uid]}
           for uid in seen]
    return withhold(stores, user, out)[0]


def case_file(stores: Stores, user: User, uid: str) -> dict:
    """The case file of proceeding ``uid`` as ``user`` may see it (module docstring).
    Raises :class:`NotVisible` for anything but a proceeding the user may see."""
    access = require_visible(stores, user, uid)
    if access.label != "Proceeding":
        raise NotVisible(uid)
    rows = queries.run(stores.vault, "vault/match_record", database=stores.database("vault"),
                       uid=uid)
    if not rows:
        raise NotVisible(uid)
    seen: dict[str, Access] = {uid: access}
    withheld = 0
    rels: list[dict] = []

    def hop(starts: Iterable[str], types: Iterable[str], outgoing: bool = True) -> list[str]:
        """Follow ``types`` from ``starts``; keep the relationships whose other end the
        user may see; the other ends reached."""
        nonlocal withheld
        found = _links(stores, starts, types, outgoing)
        others = access_of(stores, [r["end"] if outgoing else r["start"] for r in found])
        reached = []
        for rel in found:
            other = rel["end"] if outgoing else rel["start"]
            if other not in others or not may_see(user, others[other]):
                withheld += 1
                continue
            seen[other] = others[other]
            rels.append(rel)
            reached.append(other)
        return reached

    hop([uid], OWN_TYPES)
    victims = [r["end"] for r in rels if r["type"] == "CONCERNS"]
    events = hop(victims, ["SUBJECTED_TO"])
    hop(events, ["PERPETRATED_BY"])
    supporting = hop(list(seen), ["SUPPORTS"], outgoing=False)
    cited = {s for r in rels for s in (r["props"].get("sources") or [])}
    cited_access = access_of(stores, cited)
    seen.update({s: a for s, a in cited_access.items() if may_see(user, a)})

    marks = badges(stores, seen)
    summaries = summarize(stores, seen)

    def brief(ref: str) -> dict:
        return {"uid": ref, "type": seen[ref].label, "badge": marks[ref], **summaries.get(ref, {})}

    groups: dict[str, list[dict]] = {name: [] for name, _ in GROUPS}
    groups["sources"] = []
    placed: set[tuple[str, str]] = set()
    for name, rel_type in GROUPS:
        for rel in rels:
            end = rel["end"]
            if rel["type"] == rel_type and (name, end) not in placed:
                placed.add((name, end))
                groups[name].append(brief(end))
    for ref in sorted({*supporting, *(s for s in cited if s in seen)}):
        groups["sources"].append(brief(ref))
    for items in groups.values():
        items.sort(key=lambda i: (i.get("name_en") or i.get("title") or i.get("date_start")
                                  or "", i["uid"]))

    facts = []
    for rel in sorted(rels, key=lambda r: (r["type"], r["start"], r["end"],
                                           r["props"].get("key") or "")):
        props = jsonable(dict(rel["props"]))
        named = props.pop("sources", None) or []
        cites = [s for s in named if s in seen]
        withheld += len(named) - len(cites)
        facts.append({
            "type": rel["type"], "key": props.pop("key", "") or "",
            "from": brief(rel["start"]), "to": brief(rel["end"]),
            "props": {k: v for k, v in props.items() if k != "synthetic"},
            "sources": [brief(s) for s in cites],
            "badge": fact_badge(rel["type"], (marks[rel["start"]], marks[rel["end"]]),
                                [marks[s] for s in cites]),
            "editable": rel["type"] in EDITABLE and rel["start"] == uid})

    audit_reads(stores, user, seen.values(), via=f"case/{uid}")
    record = jsonable(interchange(rows[0]["labels"], rows[0]["props"]))
    out = {"uid": uid, "type": "Proceeding", "badge": marks[uid], "record": record,
           **groups, "facts": facts, "withheld": withheld}
    return withhold(stores, user, out, uid)[0]
