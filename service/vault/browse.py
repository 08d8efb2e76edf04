"""Finding vault records by name for the workspace: name suggestions (for every field where
a record is chosen) and the search-and-browse page, over every record type.

Both see exactly what ``service.vault.visibility`` lets the user see: the query keeps
Confidential records of other organisations inside the database, and every hit is
checked again with ``may_see`` before it is shown. Names go through the free-text gate
(``service.vault.text.withhold``) before a label is made of them, so a source titled
after a person the user may not see is shown with the marker instead. Each non-public
record shown is a read, and audited as the API audits its search.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from graph import encryption, queries
from graph.connections import Stores
from graph.messages import N_, Message
from graph.vocabularies import choices
from service.public import shape
from service.public.lucene import to_query
from service.vault.accounts import User
from service.vault.badges import STATES, BadgeFacts, labels_and_states, visibility_state
from service.vault.reads import audit_reads, name_lookup_query
from service.vault.text import withhold
from service.vault.visibility import OWNER_FIELD, Access, may_see, visible
from visualizations.network import node_kind

#: Record types found by name (consents are not: they belong to their person).
RECORD_TYPES = ("Person", "PerpetratorBody", "Location", "Event", "Proceeding", "Instrument",
                "Resource", "Source", "Document", "Organization")
#: What ``kind`` may ask for: a record type, or a person's role.
KINDS = (*RECORD_TYPES, "Victim", "Witness", "Relative", "Official")
SUGGESTIONS = 10
MAX_TEXT = 200
#: Hits read per search: facets and pages are made from these (the page says when a
#: search found more, so that the reader narrows it).
MAX_SCAN = 1000
MAX_PER_PAGE = 100
#: Values listed per facet (the most frequent, and those chosen).
FACET_VALUES = 15
#: Facets of the search page; list filters take any of their values.
FACETS = ("kind", "visibility", "category", "body", "location")
CATEGORIES = frozenset(choices("victim_category"))
#: Fields the label of a record is made from (after the free-text gate).
NAME_FIELDS = ("name_en", "name_ko", "title", "title_en", "title_ko", "reference", "kind",
               "forum", "year")


class BadQuery(ValueError):
    """A search the user should correct: ``field`` says which input, ``reason`` (a
    :mod:`graph.messages` message, also the error's text) says why."""

    def __init__(self, field: str, reason: Message):
        super().__init__(reason)
        self.field = field
        self.reason = reason


def check_kind(kind: str | None) -> str | None:
    if kind in (None, ""):
        return None
    if kind not in KINDS:
        raise BadQuery("kind", N_("kind must be one of %(kinds)s", kinds=", ".join(KINDS)))
    return kind


def check_text(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise BadQuery("q", N_("the search text is longer than %(count)s characters",
                               count=MAX_TEXT))
    return text


def _access(row: dict) -> Access:
    primary = shape.primary_label(row["labels"])
    owner = row["props"].get(OWNER_FIELD[primary]) if primary in OWNER_FIELD else None
    return Access.from_row(row["uid"], row["labels"], primary, owner, row.get("linked") or ())


def _scan(stores: Stores, user: User, text: str, kind: str | None, limit: int) -> list[dict]:
    """The hits the user may see (the query filtered; ``may_see`` is the second lock)."""
    types = [kind] if kind else list(RECORD_TYPES)
    params = {"types": types, "organization": user.organization, "limit": limit}
    lucene = to_query(text) if text else None
    if text and lucene is None:
        return []  # nothing searchable (punctuation only): no hit, rather than everything
    name = "vault/search_records" if lucene else "vault/list_records"
    # People whose names are sealed are found by the exact name only, through the keyed
    # hashes of it (graph/encryption.py): never by a part of it.
    rows = queries.run(stores.vault, name, database=stores.database("vault"),
                       lucene=lucene, hmacs=name_lookup_query(text), **params) if lucene else \
        queries.run(stores.vault, name, database=stores.database("vault"), **params)
    out = []
    for row in rows:
        access = _access(row)
        if may_see(user, access):
            out.append({**row, "access": access,
                        "state": visibility_state(BadgeFacts.from_row(row))})
    return out


def labelled(stores: Stores, user: User, rows: Iterable[dict], lang: str = "en") -> list[dict]:
    """``{uid, label, kind, type, visibility}`` for each row (``uid``, ``labels``,
    ``props``, ``state``): the label made from names that passed the free-text gate."""
    items = []
    for row in rows:
        primary = shape.primary_label(row["labels"])
        # A witness's or relative's names are sealed in the vault: opened for the label.
        props = encryption.opened_names(row["uid"], row["props"])
        names = {k: props.get(k) for k in NAME_FIELDS if props.get(k) is not None}
        items.append({"uid": row["uid"], "type": primary, "names": names, "labels": row["labels"],
                      "state": row["state"]})
    gated = withhold(stores, user, [{"uid": i["uid"], "type": i["type"], **i["names"]}
                                    for i in items])[0]
    out = []
    for item, names in zip(items, gated, strict=True):
        props = {k: v for k, v in names.items() if k not in ("uid", "type")}
        out.append({"uid": item["uid"], "label": shape.caption(item["labels"], props, lang),
                    "kind": node_kind(item["labels"]), "type": item["type"],
                    "visibility": item["state"]})
    return out


def describe(stores: Stores, user: User, uids: Iterable[str], lang: str = "en") -> dict[str, dict]:
    """:func:`labelled` items of the records ``uids`` (records the user may see), by uid:
    for lists of related records. A uid that is not there is left out."""
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    summaries = {r["uid"]: r["summary"] for r in queries.run(
        stores.vault, "vault/match_summaries", database=stores.database("vault"), uids=wanted)}
    facts = labels_and_states(stores, wanted)
    rows = [{"uid": u, "labels": facts[u][0], "props": summaries[u], "state": facts[u][1]}
            for u in wanted if u in summaries and u in facts]
    return {item["uid"]: item for item in labelled(stores, user, rows, lang)}


def suggest(stores: Stores, user: User, text: str | None, kind: str | None = None,
            limit: int = SUGGESTIONS, lang: str = "en") -> list[dict]:
    """Up to ``limit`` records the user may see whose names match ``text`` (Hangul,
    English, romanisations; the last word as a prefix), best first."""
    text, kind = check_text(text), check_kind(kind)
    if not text:
        return []
    rows = _scan(stores, user, text, kind, limit)
    audit_reads(stores, user, [r["access"] for r in rows], via="suggest")
    return labelled(stores, user, rows, lang)


def search_records(stores: Stores, user: User, text: str | None = None,
                   filters: dict[str, list[str]] | None = None, page: int = 1,
                   per_page: int = 20, lang: str = "en") -> dict:
    """One page of the records the user may see matching ``text`` (all of them, by uid,
    without a text) and ``filters`` (facet -> accepted values, combined with AND), with
    facet counts over every hit read (at most ``MAX_SCAN``: ``more`` says there were more).

    Facets: ``kind`` (as the network view draws it), ``visibility`` (the badge),
    ``category`` (a victim's), ``body`` (perpetrator body of an event of the record) and
    ``location`` (a place of the record); bodies and places only through records the
    user may see."""
    text = check_text(text)
    filters = {k: list(v) for k, v in (filters or {}).items() if v}
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise BadQuery(sorted(unknown)[0], N_("no such filter"))
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    rows = _scan(stores, user, text, None, MAX_SCAN + 1)
    more = len(rows) > MAX_SCAN
    rows = rows[:MAX_SCAN]
    linked = visible(stores, user, {u for r in rows for pairs in (r["bodies"], r["places"])
                                    for pair in pairs for u in pair})
    for row in rows:
        row["facets"] = {
            "kind": {node_kind(row["labels"])}, "visibility": {row["state"]},
            "category": {row["props"]["category"]} if row["props"].get("category") in CATEGORIES
            else set(),
            "body": {b for e, b in row["bodies"] if e in linked and b in linked},
            "location": {loc for n, loc in row["places"] if n in linked and loc in linked}}
    hits = [r for r in rows if all(r["facets"][f] & set(v) for f, v in filters.items())]
    counts = {f: Counter(k for r in hits for k in r["facets"][f]) for f in FACETS}
    start = (page - 1) * per_page
    shown = hits[start:start + per_page]
    audit_reads(stores, user, [r["access"] for r in shown], via="records")
    return {"total": len(hits), "more": more, "page": page, "per_page": per_page,
            "items": labelled(stores, user, shown, lang),
            "facets": _facets(stores, user, counts, filters, lang)}


def _facets(stores: Stores, user: User, counts: dict[str, Counter],
            filters: dict[str, list[str]], lang: str) -> dict:
    """Facet values ``{"key", "count", "label"}``: the ``FACET_VALUES`` most frequent and
    the chosen ones, most frequent first; bodies and places are labelled by their (gated)
    names."""
    listed = {f: {k for k, _ in counts[f].most_common(FACET_VALUES)}
              | (set(filters.get(f, [])) & set(counts[f])) for f in FACETS}
    named = _names(stores, user, [*listed["body"], *listed["location"]], lang)
    out = {}
    for facet in FACETS:
        values = [{"key": k, "count": n, "label": named.get(k, k)}
                  for k, n in counts[facet].items() if k in listed[facet]]
        if facet == "visibility":
            values.sort(key=lambda v: STATES.index(v["key"]))
        else:
            values.sort(key=lambda v: (-v["count"], v["key"]))
        out[facet] = values
    return out


def _names(stores: Stores, user: User, uids: list[str], lang: str) -> dict[str, str]:
    if not uids:
        return {}
    rows = queries.run(stores.vault, "vault/match_summaries", database=stores.database("vault"),
                       uids=sorted(set(uids)))
    items = [{"uid": r["uid"], "labels": [], "props": r["summary"], "state": ""} for r in rows]
    return {i["uid"]: i["label"] for i in labelled(stores, user, items, lang)}

