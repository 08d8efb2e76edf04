"""Search: a keyword box and facet filters over public victims, FOOTPRINTS-style.

The whole state lives in the URL (``q``, one parameter per selected facet
value, year bounds, ``page``, ``per_page``, ``view``), so a search can be
bookmarked and shared; the form is a plain GET form and works without
JavaScript. Results come from ``service.public.search.search``.
"""

from __future__ import annotations

from flask import Response, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, lazy_pgettext

from graph.vocabularies import choices, label
from service.pages import find as find_pages
from service.pages.blueprint import blp, vocabulary_label
from service.public import maps
from service.public import search as public_search
from service.public.console_csv import to_csv

PER_PAGE = (10, 20, 50, 100)
VIEWS = ("cards", "table")
#: Facets shown as checkboxes (list filters); ``decade`` and ``province`` are links.
CHECKBOX_FACETS = tuple(f for f in public_search.FACETS if f in public_search.LIST_FILTERS)
MAX_FACET_VALUES = 12
#: What each facet and filter is called on the page (the sidebar, the active filters).
TITLES = {
    "category": lazy_pgettext("search filter", "Category"), "sex": lazy_gettext("Sex"),
    "age_group": lazy_gettext("Age group"), "occupation": lazy_gettext("Occupation"),
    "status": lazy_gettext("Status"), "nationality": lazy_gettext("Nationality"),
    "decade": lazy_gettext("Decade of first event"), "perpetrator": lazy_gettext("Perpetrator"),
    "forum": lazy_gettext("Proceedings before"), "province": lazy_gettext("Province"),
    "year_from": lazy_gettext("Event year from"), "year_to": lazy_gettext("Event year to"),
    "born_from": lazy_gettext("Born from"), "born_to": lazy_gettext("Born to"),
    "first_year": lazy_gettext("Year of first event"),
    "body": lazy_gettext("Perpetrator body"), "location": lazy_gettext("Place"),
}


def _int(name: str, low: int, high: int) -> int | None:
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        return None
    return value if low <= value <= high else None


def read_state() -> dict:
    """The search as the URL states it, with anything invalid dropped."""
    filters: dict = {}
    for name, vocabulary in public_search.LIST_FILTERS.items():
        allowed = set(choices(vocabulary))
        values = [v for v in request.args.getlist(name) if v in allowed]
        if values:
            filters[name] = values
    for name in public_search.YEAR_FILTERS:
        value = _int(name, 1000, 2100)
        if value is not None:
            filters[name] = value
    for name in public_search.UID_FILTERS:
        value = request.args.get(name, "").strip()
        if value and len(value) <= 200:
            filters[name] = value
    per_page = _int("per_page", 1, 100)
    view = request.args.get("view")
    return {"q": request.args.get("q", "").strip()[:200], "filters": filters,
            "page": _int("page", 1, 100_000) or 1,
            "per_page": per_page if per_page in PER_PAGE else 20,
            "view": view if view in VIEWS else "cards"}


def state_args(state: dict, **changes) -> dict:
    """URL parameters of ``state`` with ``changes`` applied (None removes a parameter)."""
    args: dict = {}
    if state["q"]:
        args["q"] = state["q"]
    args.update(state["filters"])
    if state["per_page"] != 20:
        args["per_page"] = state["per_page"]
    if state["view"] != "cards":
        args["view"] = state["view"]
    if state["page"] != 1:
        args["page"] = state["page"]
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return args


def map_url(state: dict) -> str:
    """/map narrowed by this search's filters, as far as the map takes them (category, sex,
    perpetrator, event years: ``service.public.maps.MAP_FILTERS``)."""
    return url_for("pages.map_page", **{k: v for k, v in state["filters"].items()
                                        if k in maps.MAP_FILTERS})


def search_url(state: dict, **changes) -> str:
    return url_for("pages.search", **state_args(state, **changes))


def facet_groups(state: dict, facets: dict) -> list[dict]:
    """Facets for the sidebar: checkbox facets keep selected values even at count 0."""
    out = []
    for name in CHECKBOX_FACETS:
        selected = set(state["filters"].get(name, []))
        values = list(facets.get(name, []))
        present = {v["key"] for v in values}
        vocabulary = public_search.LIST_FILTERS[name]
        values += [{"key": k, "label": label(vocabulary, k, g.lang), "count": 0}
                   for k in sorted(selected - present)]
        shown = [v for v in values if v["key"] in selected] + \
            [v for v in values if v["key"] not in selected][:MAX_FACET_VALUES]
        out.append({"name": name, "title": str(TITLES[name]),
                    "values": [{**v, "checked": v["key"] in selected} for v in shown],
                    "hidden": max(0, len(values) - len(shown))})
    return out


def link_facets(state: dict, facets: dict) -> list[dict]:
    """``decade`` (sets the event-year range) and ``province`` (sets the place filter)."""
    decades = [{"label": v["label"], "count": v["count"],
                "url": search_url(state, year_from=int(v["key"]), year_to=int(v["key"]) + 9,
                                  page=None)} for v in facets.get("decade", [])]
    provinces = [{"label": v["label"], "count": v["count"],
                  "url": search_url(state, location=v["key"], page=None),
                  "current": state["filters"].get("location") == v["key"]}
                 for v in facets.get("province", [])[:MAX_FACET_VALUES]]
    return [{**g_, "title": str(TITLES[g_["name"]])}
            for g_ in ({"name": "decade", "values": decades},
                       {"name": "province", "values": provinces}) if g_["values"]]


def pages(state: dict, total: int) -> dict:
    last = max(1, -(-total // state["per_page"]))
    page = min(state["page"], last)
    window = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    return {"page": page, "last": last,
            "prev": search_url(state, page=page - 1 if page > 2 else None) if page > 1 else None,
            "next": search_url(state, page=page + 1) if page < last else None,
            "links": [{"n": n, "url": search_url(state, page=n if n > 1 else None),
                       "current": n == page} for n in window]}


@blp.route("/search")
def search():
    state = read_state()
    result = public_search.search(state["q"] or None, state["filters"], state["page"],
                                  state["per_page"], g.lang, entities=False)
    active = []
    for name, value in state["filters"].items():
        for v in value if isinstance(value, list) else [value]:
            rest = [x for x in value if x != v] if isinstance(value, list) else None
            active.append({"name": name, "title": str(TITLES[name]), "value": v,
                           "label": _active_label(name, v, result),
                           "remove": search_url(state, **{name: rest or None}, page=None)})
    return render_template(
        "search.html", state=state, result=result, facets=facet_groups(state, result["facets"]),
        links=link_facets(state, result["facets"]), pager=pages(state, result["total"]),
        active_filters=active,
        per_page_urls=[(n, search_url(state, per_page=None if n == 20 else n, page=None))
                       for n in PER_PAGE],
        view_urls={v: search_url(state, view=None if v == "cards" else v) for v in VIEWS},
        map_url=map_url(state),
        clear_url=url_for("pages.search"),
        # Records of every kind matching the keyword (service/pages/find.py).
        found=find_pages.grouped(state["q"], state_args(state)),
        csv_url=url_for("pages.search_csv", **state_args(state, page=None, per_page=None,
                                                         view=None)),
        export_limit=public_search.EXPORT_LIMIT)


@blp.route("/search.csv")
def search_csv():
    """The search's victims as CSV (the first ``EXPORT_LIMIT``; the response says how many
    match in ``X-Total-Count``), with labels in the page's language and each profile's URL."""
    state = read_state()
    result = public_search.export(state["q"] or None, state["filters"], g.lang)
    columns = [_("Identifier"), _("Name"), _("Name (other script)"), str(TITLES["category"]),
               str(TITLES["sex"]), _("Year of birth"), str(TITLES["status"]),
               str(TITLES["nationality"]), _("Event years"), _("Profile")]
    rows = []
    for item in result["items"]:
        p = item["properties"]
        other = p.get("name_en") if g.lang == "ko" else p.get("name_ko")
        rows.append([item["uid"], item["caption"], other,
                     vocabulary_label("victim_category", p.get("category")),
                     vocabulary_label("sex", p.get("sex")), p.get("birth_year"),
                     vocabulary_label("status", p.get("status")),
                     vocabulary_label("nationality", p.get("nationality")), item["years"],
                     url_for("pages.entity", uid=item["uid"], _external=True)])
    return Response("\ufeff" + to_csv(columns, rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="footprints-search-{g.lang}.csv"',
                             "X-Total-Count": str(result["total"])})


def _active_label(name: str, value, result: dict) -> str:
    if name in public_search.LIST_FILTERS:
        return public_search.facet_label(name, value, g.lang)
    if name == "location":
        found = [p["label"] for p in result["facets"].get("province", []) if p["key"] == value]
        return found[0] if found else str(value)
    return str(value)
