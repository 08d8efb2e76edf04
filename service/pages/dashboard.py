"""Home: the dashboard's counters and charts, each also as a table, CSV and SVG.

The figures come from ``service.public.stats.dashboard`` (the public graph,
plus the suppressed "held confidentially" counts the publication pipeline
stored); the charts are drawn by ``visualizations.charts``.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from flask import Response, abort, g, render_template, url_for
from flask_babel import format_datetime, lazy_gettext, lazy_pgettext, npgettext
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString

from service.pages import browse, present
from service.pages.blueprint import blp
from service.public import stats
from visualizations import charts


class Chart(NamedTuple):
    """How a chart is drawn and what it says: its title, the description a screen reader
    hears, and the heading of its labels' column."""

    kind: str
    title: LazyString
    description: LazyString
    key: LazyString


#: Chart name -> the chart, in page order. ``held_by_category`` is the suppressed
#: breakdown of victims not published.
CHARTS = {
    "victims_by_year": Chart(
        "vertical", lazy_gettext("Victims by year of first event"),
        lazy_gettext("Bar chart: the number of published victims by the year of their first "
                     "recorded event."), lazy_gettext("Year")),
    "victims_by_category": Chart(
        "horizontal", lazy_gettext("Victims by category"),
        lazy_gettext("Bar chart: published victims by victim category."),
        lazy_gettext("Category")),
    "victims_by_sex": Chart(
        "pie", lazy_gettext("Victims by sex"), lazy_gettext("Pie chart: published victims by sex."),
        lazy_gettext("Sex")),
    "victims_by_age_group": Chart(
        "pie", lazy_gettext("Victims by age group"),
        lazy_gettext("Pie chart: published victims by age group at the time of the first event."),
        lazy_gettext("Age group")),
    "victims_by_occupation": Chart(
        "horizontal", lazy_gettext("Victims by occupation"),
        lazy_gettext("Bar chart: published victims by occupation."), lazy_gettext("Occupation")),
    "victims_by_status": Chart(
        "pie", lazy_gettext("Victims by current status"),
        lazy_gettext("Pie chart: published victims by current status."), lazy_gettext("Status")),
    "victims_by_perpetrator": Chart(
        "horizontal", lazy_gettext("Victims by perpetrator"),
        lazy_gettext("Bar chart: published victims by perpetrator (any body up the chain of "
                     "command); a victim of several perpetrators counts once under each."),
        lazy_gettext("Perpetrator")),
    "perpetrators_by_type": Chart(
        "horizontal", lazy_gettext("Perpetrator bodies by type"),
        lazy_gettext("Bar chart: the number of perpetrator bodies recorded under each "
                     "perpetrator type."), lazy_gettext("Perpetrator type")),
    "proceedings_by_forum": Chart(
        "pie", lazy_gettext("Proceedings by forum"),
        lazy_gettext("Pie chart: published proceedings (UN communications, court cases) by "
                     "forum."), lazy_gettext("Forum")),
    "held_by_category": Chart(
        "horizontal", lazy_gettext("Held confidentially, by category"),
        lazy_gettext("Bar chart: victims documented but not published, by category; if any "
                     "category has fewer than 5 people, every category is suppressed and none "
                     "is drawn."), lazy_gettext("Category")),
}
#: The counters, in page order: the kind of record (a browse page) and what a number of
#: them is called.
TOTALS = {
    "victims": lambda n: npgettext("dashboard counter", "Victim", "Victims", n),
    "perpetrators": lambda n: npgettext("dashboard counter", "Perpetrator body",
                                        "Perpetrator bodies", n),
    "officials": lambda n: npgettext("dashboard counter", "Official", "Officials", n),
    "locations": lambda n: npgettext("dashboard counter", "Place", "Places", n),
    "events": lambda n: npgettext("dashboard counter", "Event", "Events", n),
    "proceedings": lambda n: npgettext("dashboard counter", "Proceeding", "Proceedings", n),
    "instruments": lambda n: npgettext("dashboard counter", "Instrument", "Instruments", n),
    "resources": lambda n: npgettext("dashboard counter", "North Korean law", "North Korean laws",
                                     n),
    "sources": lambda n: npgettext("dashboard counter", "Source", "Sources", n),
    "organizations": lambda n: npgettext("dashboard counter", "Organisation", "Organisations", n),
}
#: The CSV download's first column: the coded value behind each label.
CSV_KEY = lazy_pgettext("CSV column of coded values", "key")


#: Victim charts -> the search filter their keys are values of.
SEARCH_FILTERS = {"victims_by_category": "category", "victims_by_sex": "sex",
                  "victims_by_age_group": "age_group", "victims_by_occupation": "occupation",
                  "victims_by_status": "status", "victims_by_perpetrator": "perpetrator",
                  "victims_by_year": "first_year"}
#: Charts of other records -> the browse page (kind) and its filter.
BROWSE_FILTERS = {"perpetrators_by_type": ("perpetrators", "perpetrator"),
                  "proceedings_by_forum": ("proceedings", "forum")}


def with_links(name: str, items: list[dict]) -> list[dict]:
    """Each bar's link to the list it counts: the search (victims) or a browse page (other
    records) filtered on its key. ``unknown`` (no value recorded) and the held-back counts
    have no list to lead to."""
    def href(key: str) -> str | None:
        if key == "unknown":
            return None
        if name in SEARCH_FILTERS:
            return url_for("pages.search", **{SEARCH_FILTERS[name]: key})
        if name in BROWSE_FILTERS:
            kind, field = BROWSE_FILTERS[name]
            return url_for("pages.browse", kind=kind, **{field: key})
        return None
    return [{**item, "href": href(str(item["key"]))} if item.get("count") else item
            for item in items]


def chart_items(figures: dict, name: str) -> list[dict]:
    if name == "held_by_category":  # largest first; suppressed cells (None) last
        return sorted(figures["held_confidentially"]["by_category"],
                      key=lambda i: (i["count"] is None, -(i["count"] or 0), i["key"]))
    return figures["charts"][name]


def filled_years(items: list[dict]) -> list[dict]:
    """Years without victims as zero bars, so the time axis is even."""
    years = {int(i["key"]): i for i in items if str(i["key"]).isdigit()}
    if not years:
        return items
    return [years.get(y, {"key": str(y), "label": str(y), "count": 0})
            for y in range(min(years), max(years) + 1)]


def empty_text(figures: dict, name: str) -> str:
    """What a chart without bars says: the held breakdown has none when it is suppressed
    or withheld, which is not the same as having no data."""
    held = figures["held_confidentially"]
    if name == "held_by_category" and held["total"] != 0 and (held["withheld"] or any(
            i["count"] is None for i in held["by_category"])):
        return _("Not shown by category: at least one category is too small to show safely.")
    return _("No data")


def render_chart(name: str, items: list[dict], empty: str | None = None) -> str:
    chart = CHARTS[name]
    common = {"chart_id": f"chart-{name}", "title": str(chart.title),
              "description": str(chart.description), "empty_text": empty or _("No data"),
              "locale": present.lang()}
    if chart.kind == "pie":
        return charts.pie_chart(items, **common)
    if name == "victims_by_year":
        items = filled_years(items)
    return charts.bar_chart(items, orientation=chart.kind, **common)


def render_table(name: str, items: list[dict]) -> str:
    chart = CHARTS[name]
    return charts.table_html(items, caption=str(chart.title), label_header=str(chart.key),
                             count_header=_("Number"),
                             share_header=None if name == "held_by_category" else _("Share"),
                             missing_text=_("suppressed"), table_id=f"table-{name}",
                             locale=present.lang())


def published_at(figures: dict) -> str | None:
    """When the public graph was last published, in the page's language (UTC)."""
    value = figures.get("published_at")
    if not value:
        return None
    try:
        return format_datetime(datetime.fromisoformat(value), "long")
    except ValueError:
        return value[:19].replace("T", " ")


@blp.route("/")
def dashboard():
    lang = g.lang
    figures = stats.dashboard(lang)
    panels = []
    for name, chart in CHARTS.items():
        items = with_links(name, chart_items(figures, name))
        panels.append({"name": name, "title": str(chart.title),
                       "svg": render_chart(name, items, empty_text(figures, name)),
                       "table": render_table(name, items)})
    totals = [{"key": key, "count": figures["totals"][key], "label": say(figures["totals"][key]),
               "kind_title": str(browse.TITLES[key])} for key, say in TOTALS.items()]
    return render_template("dashboard.html", figures=figures, panels=panels, totals=totals,
                           published_at=published_at(figures))


@blp.route("/charts/<name>.<fmt>")
def chart_download(name: str, fmt: str):
    """One chart as CSV (its numbers) or SVG (its image), in the page's language."""
    if name not in CHARTS or fmt not in ("csv", "svg"):
        abort(404)
    lang = g.lang
    figures = stats.dashboard(lang)
    items = chart_items(figures, name)
    if fmt == "csv":
        body = charts.to_csv(items, headers=(str(CSV_KEY), str(CHARTS[name].key), _("Number")))
        return Response("\ufeff" + body, content_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="footprints-{name}-{lang}.csv"'})
    svg = render_chart(name, items, empty_text(figures, name))
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
                    content_type="image/svg+xml; charset=utf-8", headers={
                        "Content-Disposition": f'attachment; filename="footprints-{name}-{lang}.svg"'})
