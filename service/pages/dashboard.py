"""Home: the dashboard's counters and charts, each also as a table, CSV and SVG.

The figures come from ``service.public.stats.dashboard`` (the public graph,
plus the suppressed "held confidentially" counts the publication pipeline
stored); the charts are drawn by ``visualizations.charts``.
"""

from __future__ import annotations

from flask import Response, abort, g, render_template

from service.i18n import t
from service.pages.blueprint import blp
from service.public import stats
from visualizations import charts

#: Chart name -> how it is drawn, in page order. ``held_by_category`` is the
#: suppressed breakdown of victims not published.
CHARTS = {
    "victims_by_year": "vertical",
    "victims_by_category": "horizontal",
    "victims_by_sex": "pie",
    "victims_by_age_group": "pie",
    "victims_by_occupation": "horizontal",
    "victims_by_status": "pie",
    "victims_by_perpetrator": "horizontal",
    "perpetrators_by_type": "horizontal",
    "proceedings_by_forum": "pie",
    "held_by_category": "horizontal",
}
TOTALS = ("victims", "perpetrators", "officials", "locations", "events", "proceedings",
          "instruments", "resources", "sources", "organizations")


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


def empty_text(figures: dict, name: str, lang: str) -> str:
    """What a chart without bars says: the held breakdown has none when it is suppressed
    or withheld, which is not the same as having no data."""
    held = figures["held_confidentially"]
    if name == "held_by_category" and held["total"] != 0 and (held["withheld"] or any(
            i["count"] is None for i in held["by_category"])):
        return t("held.not_by_category", lang)
    return t("chart.no_data", lang)


def render_chart(name: str, items: list[dict], lang: str, empty: str | None = None) -> str:
    kind = CHARTS[name]
    common = {"chart_id": f"chart-{name}", "title": t(f"chart.{name}", lang),
              "description": t(f"chart.{name}.desc", lang),
              "empty_text": empty or t("chart.no_data", lang)}
    if kind == "pie":
        return charts.pie_chart(items, **common)
    if name == "victims_by_year":
        items = filled_years(items)
    return charts.bar_chart(items, orientation=kind, **common)


def render_table(name: str, items: list[dict], lang: str) -> str:
    return charts.table_html(items, caption=t(f"chart.{name}", lang),
                             label_header=t(f"chart.{name}.key", lang),
                             count_header=t("chart.count", lang),
                             share_header=None if name == "held_by_category"
                             else t("chart.share", lang),
                             missing_text=t("held.suppressed_cell", lang),
                             table_id=f"table-{name}")


@blp.route("/")
def dashboard():
    lang = g.lang
    figures = stats.dashboard(lang)
    panels = []
    for name in CHARTS:
        items = chart_items(figures, name)
        panels.append({"name": name, "title": t(f"chart.{name}", lang),
                       "svg": render_chart(name, items, lang, empty_text(figures, name, lang)),
                       "table": render_table(name, items, lang)})
    return render_template("dashboard.html", figures=figures, panels=panels, totals=TOTALS)


@blp.route("/charts/<name>.<fmt>")
def chart_download(name: str, fmt: str):
    """One chart as CSV (its numbers) or SVG (its image), in the page's language."""
    if name not in CHARTS or fmt not in ("csv", "svg"):
        abort(404)
    lang = g.lang
    figures = stats.dashboard(lang)
    items = chart_items(figures, name)
    if fmt == "csv":
        body = charts.to_csv(items, headers=(t("chart.csv.key", lang),
                                             t(f"chart.{name}.key", lang), t("chart.count", lang)))
        return Response("\ufeff" + body, content_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="footprints-{name}-{lang}.csv"'})
    svg = render_chart(name, items, lang, empty_text(figures, name, lang))
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
                    content_type="image/svg+xml; charset=utf-8", headers={
                        "Content-Disposition": f'attachment; filename="footprints-{name}-{lang}.svg"'})
