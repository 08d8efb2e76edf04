"""Keyword and facet search over public victims, FOOTPRINTS-style.

The keyword goes through :mod:`service.public.lucene` (escaped, Hangul-aware)
to the ``person_names`` full-text index; other public records matching it
(bodies, places, proceedings, law) come from ``entity_names`` as a short
side list. Filters combine with AND; a list filter matches any of its values.

Facet counts are disjunctive (as in a library catalogue): the values of a facet
are counted over the victims that pass every *other* filter, so ticking a value
keeps the other values of the same facet and their counts in view (what ticking
them too would add), while every other facet counts the result.

Year filters: ``year_from``/``year_to`` are the year of an **event** the
victim was subjected to (abduction, detention, ...); ``born_from``/``born_to``
are the birth year; ``first_year`` is the year of their first event (the year
the dashboard's chart counts them in, so a bar leads to the list it counts).
The ``decade`` facet is the decade of the victim's first event.

Facet counts cover the whole result, so a one-syllable query (a surname shared by
a fifth of all names) reads every hit's derived ``facet_keys`` (tens of milliseconds
at 250,000 victims): results are kept per revision of the public graph
(service/public/cache.py).
"""

from __future__ import annotations

from graph.vocabularies import label as vocab_label
from service.public import shape
from service.public.cache import cached, frozen
from service.public.lucene import to_query
from service.stores import public_query

MAX_PER_PAGE = 100
ENTITY_HITS = 10
#: Rows a CSV export of a search holds at most: the whole public graph is on the downloads
#: page; an export is for a search's result, and one query holds all its rows in memory.
EXPORT_LIMIT = 10_000

#: List filters and the vocabulary of their values.
LIST_FILTERS = {
    "category": "victim_category", "sex": "sex", "status": "status", "occupation": "occupation",
    "age_group": "age_group", "nationality": "nationality", "perpetrator": "perpetrator",
    "forum": "forum",
}
#: Single-valued filters: integer year bounds and uids.
YEAR_FILTERS = ("year_from", "year_to", "born_from", "born_to", "first_year")
UID_FILTERS = ("body", "location")
FILTERS = (*LIST_FILTERS, *YEAR_FILTERS, *UID_FILTERS)
#: Facets in display order; vocabulary facets are labelled from graph/vocabularies.py.
FACETS = ("category", "sex", "age_group", "occupation", "status", "nationality", "decade",
          "perpetrator", "forum", "province")


def search(q: str | None = None, filters: dict | None = None, page: int = 1, per_page: int = 20,
           lang: str = "en", entities: bool = True) -> dict:
    """Victims matching keyword ``q`` and ``filters``, one page, with facet counts.

    ``filters`` keys are those of ``FILTERS`` (unknown keys raise ValueError);
    list filters take a value or a list of vocabulary keys. Returns ``{"query",
    "total", "page", "per_page", "items", "facets", "entities"}``: items are node
    shapes plus ``score`` and ``years`` (their event years); facets map a facet
    name to ``[{"key", "label", "count"}]`` (largest first), each facet counted over the
    whole result as it would be without that facet's own filter;
    entities are up to 10 other public records whose names match ``q``.
    """
    filters = _checked(filters)
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    # One key whatever the order of a list filter's values, or a value given bare or listed.
    given = {name: sorted(map(str, _as_list(value))) for name, value in filters.items()
             if _as_list(value)}
    key = ("search", q, frozen(given), page, per_page, lang, entities)
    return cached(key, lambda: _search(q, filters, page, per_page, lang, entities))


def export(q: str | None = None, filters: dict | None = None, lang: str = "en",
           limit: int | None = None) -> dict:
    """The first ``limit`` (default ``EXPORT_LIMIT``) victims of a search (``total`` says how
    many match), for a CSV file: the same query, order and filters as :func:`search`, not
    cached."""
    filters = _checked(filters)
    row = _run(q, filters, 0, limit or EXPORT_LIMIT)
    return {"total": row["total"], "items": [_item(i, lang) for i in row["items"]]}


def _checked(filters: dict | None) -> dict:
    filters = dict(filters or {})
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
    return filters


def _run(q: str | None, filters: dict, skip: int, limit: int) -> dict:
    params = {name: _as_list(filters.get(name)) for name in LIST_FILTERS}
    params.update({name: filters.get(name) for name in (*YEAR_FILTERS, *UID_FILTERS)})
    return public_query("public/search_victims", lucene=to_query(q), skip=skip, limit=limit,
                        **params)[0]


def _item(row: dict, lang: str) -> dict:
    out = shape.node_from_row(row, lang)
    out["score"] = row["score"]
    out["years"] = sorted(set(row["years"]))
    return out


def _search(q: str | None, filters: dict, page: int, per_page: int, lang: str,
            entities: bool) -> dict:
    lucene = to_query(q)
    row = _run(q, filters, (page - 1) * per_page, per_page)
    return {
        "query": lucene, "total": row["total"], "page": page, "per_page": per_page,
        "items": [_item(i, lang) for i in row["items"]], "facets": _facets(row["facets"], lang),
        "entities": search_entities(q, lang=lang) if entities and lucene else [],
    }


def search_entities(q: str | None, limit: int = ENTITY_HITS, lang: str = "en") -> list[dict]:
    """Public non-person records whose name, reference or title matches ``q``."""
    lucene = to_query(q)
    if lucene is None:
        return []
    rows = public_query("public/search_entities", lucene=lucene, limit=limit)
    return [{**shape.node_from_row(r, lang), "score": r["score"]} for r in rows]


def facet_label(facet: str, key: str, lang: str = "en") -> str:
    vocabulary = LIST_FILTERS.get(facet)
    if vocabulary:
        return vocab_label(vocabulary, key, lang)
    if facet == "decade":
        return f"{key}년대" if lang == "ko" else f"{key}s"
    return key


def _facets(rows: list[dict], lang: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in FACETS}
    for r in rows:
        if r["facet"] == "province":
            name = (r["name_ko"] if lang == "ko" else None) or r["name_en"] or r["key"]
        else:
            name = facet_label(r["facet"], r["key"], lang)
        out[r["facet"]].append({"key": r["key"], "label": name, "count": r["n"]})
    for values in out.values():
        values.sort(key=lambda v: (-v["count"], v["key"]))
    out["decade"].sort(key=lambda v: v["key"])
    return out


def _as_list(value) -> list | None:
    if value in (None, "", []):
        return None
    return list(value) if isinstance(value, list | tuple | set) else [value]
