"""The dashboard's charts: well-formed standalone SVG, accessible tables, CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from visualizations import charts

SVG = "{http://www.w3.org/2000/svg}"
ITEMS = [{"key": "war_pow", "label": "Korean War ROK POW", "count": 40},
         {"key": "war_abductee", "label": "한국전쟁 납북자 <&>", "count": 25},
         {"key": "japan_returnee", "label": '"Returnee" from Japan', "count": 5}]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("draw", [
    lambda items: charts.bar_chart(items, chart_id="c", title="By category", description="d"),
    lambda items: charts.bar_chart(items, chart_id="c", title="By category", description="d",
                                   orientation="vertical"),
    lambda items: charts.pie_chart(items, chart_id="c", title="By category", description="d"),
])
def test_charts_are_well_formed_accessible_svg(draw):
    root = parse(draw(ITEMS))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(SVG + "title").text == "By category"
    assert root.find(SVG + "desc").text == "d"
    text = ET.tostring(root, encoding="unicode")
    assert "한국전쟁 납북자 &lt;&amp;&gt;" in text  # escaped, not broken
    assert "style=" not in text  # presentation attributes only: a strict CSP needs no unsafe-inline
    tips = [t.text for t in root.iter(SVG + "title")][1:]
    assert any("40" in tip for tip in tips)


def test_bar_lengths_follow_the_counts():
    root = parse(charts.bar_chart(ITEMS, chart_id="c", title="t"))
    widths = [float(r.get("width")) for g in root.iter(SVG + "g") for r in g.iter(SVG + "rect")]
    assert widths[0] > widths[1] > widths[2] > 0
    assert widths[0] / widths[1] == pytest.approx(40 / 25, rel=0.01)


def test_pie_shares_add_up_and_single_item_is_a_circle():
    root = parse(charts.pie_chart(ITEMS, chart_id="c", title="t"))
    assert len([g for g in root.iter(SVG + "g") if g.get("class") == "slice"]) == 3
    assert "57%" in ET.tostring(root, encoding="unicode")  # 40 / 70
    one = parse(charts.pie_chart(ITEMS[:1], chart_id="c", title="t"))
    assert one.find(f".//{SVG}circle") is not None


def test_empty_charts_say_so():
    for svg in (charts.bar_chart([], chart_id="c", title="t", empty_text="No data"),
                charts.pie_chart([], chart_id="c", title="t", empty_text="No data")):
        assert "No data" in svg
        parse(svg)


def test_suppressed_cells_are_left_out_of_the_drawing_but_kept_in_table_and_csv():
    items = [{"key": "a", "label": "A", "count": 12}, {"key": "b", "label": "B", "count": None}]
    root = parse(charts.bar_chart(items, chart_id="c", title="t"))
    assert "B" not in [t.text for t in root.iter(SVG + "text")]
    table = charts.table_html(items, caption="Held", label_header="Category",
                              count_header="Number", missing_text="suppressed")
    assert "<td class=\"num\">suppressed</td>" in table
    rows = list(csv.reader(io.StringIO(charts.to_csv(items))))
    assert rows == [["key", "label", "count"], ["a", "A", "12"], ["b", "B", ""]]


def test_table_is_accessible_and_escaped():
    html = charts.table_html(ITEMS, caption="By category", label_header="Category",
                             count_header="Number", share_header="Share", table_id="t1")
    root = ET.fromstring(html)
    assert root.get("id") == "t1"
    assert root.find("caption").text == "By category"
    assert [th.get("scope") for th in root.find("thead").iter("th")] == ["col"] * 3
    body = root.find("tbody")
    assert [th.text for th in body.iter("th")] == [i["label"] for i in ITEMS]
    assert [th.get("scope") for th in body.iter("th")] == ["row"] * 3
    assert [td.text for td in body.iter("td")] == ["40", "57%", "25", "36%", "5", "7%"]


def test_csv_has_every_item_with_custom_headers():
    text = charts.to_csv(ITEMS, headers=("코드", "유형", "수"))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["코드", "유형", "수"]
    assert rows[1:] == [[i["key"], i["label"], str(i["count"])] for i in ITEMS]


def test_vertical_chart_thins_out_labels_of_long_series():
    years = [{"key": str(y), "label": str(y), "count": y % 7} for y in range(1950, 2025)]
    root = parse(charts.bar_chart(years, chart_id="y", title="t", orientation="vertical"))
    bars = [g for g in root.iter(SVG + "g") if g.get("class") == "bar"]
    labels = [t.text for t in root.iter(SVG + "text") if t.text and t.text.isdigit()
              and len(t.text) == 4]
    assert len(bars) == 75
    assert 5 <= len(labels) < 75


@pytest.mark.parametrize("locale, thousands, share", [
    ("en", "12,345", "93%"), ("ko", "12,345", "93%"), ("de", "12.345", "93\xa0%")])
def test_numbers_and_shares_are_written_in_the_locale(locale, thousands, share):
    """The page's language writes the numbers (Babel's CLDR data: Korean groups as English
    does; German shows that the locale is the one used)."""
    items = [{"key": "a", "label": "A", "count": 12345}, {"key": "b", "label": "B", "count": 1000}]
    html = charts.table_html(items, caption="c", label_header="l", count_header="n",
                             share_header="s", locale=locale)
    assert [td.text for td in ET.fromstring(html).find("tbody").iter("td")][:2] == \
        [thousands, share]
    for svg in (charts.bar_chart(items, chart_id="c", title="t", locale=locale),
                charts.bar_chart(items, chart_id="c", title="t", orientation="vertical",
                                 locale=locale),
                charts.pie_chart(items, chart_id="c", title="t", locale=locale)):
        tips = [t.text for t in parse(svg).iter(SVG + "title")][1:]
        assert tips[0].startswith(f"A: {thousands}"), tips
    pie = [t.text for t in parse(charts.pie_chart(items, chart_id="c", title="t",
                                                  locale=locale)).iter(SVG + "title")]
    assert pie[1] == f"A: {thousands} ({share})"


def test_bars_slices_and_rows_link_to_what_they_count():
    items = [{"key": "a", "label": "A & B", "count": 3, "href": "/search?category=a&x=1"},
             {"key": "unknown", "label": "Unknown", "count": 1}]
    for svg in (charts.bar_chart(items, chart_id="c", title="t"),
                charts.bar_chart(items, chart_id="c", title="t", orientation="vertical")):
        assert svg.count("<a ") == 1
        assert '<a href="/search?category=a&amp;x=1" aria-label="A &amp; B: 3">' in svg
    pie = charts.pie_chart(items, chart_id="p", title="t")
    # the slice and its legend entry lead to the same list; only one is in the tab order
    assert pie.count('<a href="/search?category=a&amp;x=1"') == 2
    assert pie.count('tabindex="-1"') == 1
    table = charts.table_html(items, caption="c", label_header="l", count_header="n")
    assert '<th scope="row"><a href="/search?category=a&amp;x=1">A &amp; B</a></th>' in table
    assert '<th scope="row">Unknown</th>' in table
