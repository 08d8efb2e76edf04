"""One search over every public record type, and the type-ahead suggestions.

Victims, officials and other public people come from the ``person_names`` full-text
index; perpetrator bodies, places, events, proceedings, instruments, North Korean laws
and documents, sources, documents and organisations from ``record_names`` (their names,
references, titles, an event's public summary, and the romanised spellings of their
Korean names the publication derives: graph/search_keys.py). The visitor's words go
through :mod:`service.public.lucene` first, so nothing typed is query syntax.

Each hit says why it matched (:mod:`service.public.matching`), from the very public
properties its profile shows. Results are grouped by *kind*, the URL kind of the
record's profile (``victims``, ``perpetrators``, ...), with a count per kind.

Public graph only; results are kept per revision of the public graph.
"""

from __future__ import annotations

from service.public import matching, shape
from service.public.cache import per_revision
from service.public.lucene import to_query, words
from service.stores import public_query

#: Kinds in the order the page groups them: people first, then what was done and by whom.
KINDS = ("victims", "officials", "people", "perpetrators", "locations", "events", "proceedings",
         "instruments", "resources", "sources", "documents", "organizations")
#: The record type (or person's role) of each kind, for its name in the model.
KIND_TYPES = {"victims": "Victim", "officials": "Official", "people": "Person",
              "perpetrators": "PerpetratorBody", "locations": "Location", "events": "Event",
              "proceedings": "Proceeding", "instruments": "Instrument", "resources": "Resource",
              "sources": "Source", "documents": "Document", "organizations": "Organization"}
#: A node's kind: its role for a person, else its primary label (as the queries' CASE).
_KIND_OF_LABEL = {label: kind for kind, label in KIND_TYPES.items()}
PER_KIND = 5
#: The fields of person_names where a word may match as a prefix (not ``search_keys``).
PERSON_PREFIX_FIELDS = ("name_en", "name_ko", "name_variants")
MAX_PER_PAGE = 100
#: Type-ahead: answers start at this many characters, and list at most this many records.
SUGGEST_MIN_CHARS = 2
SUGGEST_LIMIT = 8
MAX_SUGGEST = 20


def kind_of_labels(labels) -> str | None:
    """The kind of a node with these labels (None: not a record of any kind)."""
    labels = set(labels)
    for label in ("Victim", "Official"):
        if label in labels:
            return _KIND_OF_LABEL[label]
    primary = shape.primary_label(labels)
    return _KIND_OF_LABEL.get(primary) if primary else None


def hit(row: dict, query: str | None, lang: str) -> dict:
    """A node shape with its ``score``, ``kind`` and ``matched`` (why it matched)."""
    out = shape.node_from_row(row, lang)
    out["score"] = row["score"]
    out["kind"] = row["kind"]
    out["matched"] = matching.explain(query, matching.candidate_fields(row["props"], lang))
    return out


@per_revision
def find(q: str | None, kind: str | None = None, page: int = 1, per_page: int = 20,
         lang: str = "en") -> dict:
    """Public records of every kind matching ``q``.

    Returns ``{"query", "total", "kind", "page", "per_page", "counts", "groups"}``:
    ``counts`` is ``[{"kind", "count"}]`` for every kind with a hit (in ``KINDS`` order);
    ``groups`` is ``[{"kind", "total", "items"}]``: without ``kind``, the best
    ``PER_KIND`` hits of each kind; with it, one page of that kind alone. Items are
    :func:`hit` shapes. Raises ValueError for an unknown ``kind``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind: {kind!r}")
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    lucene = to_query(q)
    empty = {"query": lucene, "total": 0, "kind": kind, "page": page, "per_page": per_page,
             "counts": [], "groups": []}
    if lucene is None:
        return empty
    rows = {r["kind"]: r for r in public_query(
        "public/search_records", persons=to_query(q, PERSON_PREFIX_FIELDS), records=lucene,
        kind=kind, skip=(page - 1) * per_page,
        limit=per_page, per_kind=PER_KIND)}
    counts = [{"kind": k, "count": rows[k]["total"]} for k in KINDS if k in rows]
    groups = [{"kind": k, "total": rows[k]["total"],
               "items": [hit({**item, "kind": k}, q, lang) for item in rows[k]["items"]]}
              for k in KINDS if k in rows and (kind is None or k == kind)]
    return {**empty, "total": sum(c["count"] for c in counts), "counts": counts,
            "groups": groups}


def _rank(item: dict, typed: str) -> tuple:
    """Suggestions whose caption starts with what was typed first, then by score."""
    return (not item["caption"].lower().startswith(typed), -item["score"], item["caption"])


def _suggest_hits(text: str, kinds: tuple[str, ...] | None, limit: int, lang: str) -> list[dict]:
    """The best :func:`hit` shapes for ``text`` (properties included), best first."""
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s): {', '.join(sorted(unknown))}")
    lucene = to_query(text)
    if lucene is None:
        return []
    # A kind filter is applied after each index's cut: read more so it still fills the list.
    fetch = limit * (4 if kinds else 1)
    rows = public_query("public/suggest_records", persons=to_query(text, PERSON_PREFIX_FIELDS),
                        records=lucene, limit=fetch, fetch=fetch,
                        kinds=list(kinds) if kinds else None)
    items = [hit(row, text, lang) for row in rows]
    typed = " ".join(words(text))
    items.sort(key=lambda item: _rank(item, typed))
    return items[:limit]


@per_revision
def candidates(q: str | None, kinds: tuple[str, ...] | None = None, limit: int = MAX_SUGGEST,
               lang: str = "en") -> list[dict]:
    """Public records of ``kinds`` whose names match ``q``, as :func:`hit` shapes, best
    first: what a name typed where a uid is asked may mean (service/public/resolve.py)."""
    return _suggest_hits((q or "").strip(), kinds, min(max(limit, 1), MAX_SUGGEST), lang)


@per_revision
def suggest(q: str | None, kinds: tuple[str, ...] | None = None, limit: int = SUGGEST_LIMIT,
            lang: str = "en") -> list[dict]:
    """A few public records of ``kinds`` (None: every kind) for what was typed so far.

    Nothing for fewer than ``SUGGEST_MIN_CHARS`` characters. Each is ``{"uid", "kind",
    "label", "labels", "matched"}`` (``label``: the record's caption in ``lang``;
    ``matched``: :func:`service.public.matching.explain`). Raises ValueError for an
    unknown kind.
    """
    text = (q or "").strip()
    if len(text) < SUGGEST_MIN_CHARS:
        if set(kinds or ()) - set(KINDS):
            raise ValueError(f"unknown kind(s): {', '.join(sorted(set(kinds) - set(KINDS)))}")
        return []
    items = _suggest_hits(text, kinds, min(max(limit, 1), MAX_SUGGEST), lang)
    return [{"uid": i["uid"], "kind": i["kind"], "label": i["caption"], "labels": i["labels"],
             "matched": i["matched"]} for i in items]
