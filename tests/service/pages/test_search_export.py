"""The search's result as CSV, the dashboard's bars as links to the lists they count, the
browse pages' filters, and what a first visit to the dashboard shows.

Expected victims come from the published fixtures (tests/service/data/explorer.jsonl and
tests/graph/data/consent_states.jsonl): six public victims, p-x1..p-x4, p-1007, p-1010.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from service.public import search as public_search
from tests.service.pages.dom import parse
from tests.support.leaks import hidden_people, leaks

LANGS = ("en", "ko")


def change_public(stores, app, cypher: str) -> None:
    """Change the (shared) published fixture in place, recount the dashboard's stored figures
    and empty the app's cache, as a publication would. Tests undo their change the same way."""
    from graph.recount import store_counts

    database = stores.database("public")
    stores.public.execute_query(cypher, database_=database)
    records, _, _ = stores.public.execute_query(
        "MATCH (m:PublicMeta) RETURN m.revision AS revision, toString(m.published_at) AS published_at",
        database_=database)
    assert store_counts(stores.public, database, records[0]["revision"],
                        records[0]["published_at"])
    app.extensions["footprints.public_cache"].clear()


def rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # spreadsheets open UTF-8 (Hangul) correctly
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_search_result_as_csv(public_client):
    table = rows(public_client.get("/search.csv?category=postwar_abductee&lang=en"))
    assert table[0] == ["Identifier", "Name", "Name (other script)", "Category", "Sex",
                        "Year of birth", "Status", "Nationality", "Event years", "Profile"]
    by_uid = {r[0]: r for r in table[1:]}
    assert set(by_uid) == {"p-x1", "p-x2"}
    assert by_uid["p-x2"][1:3] == ["Kim Young-ja", "김영자"]
    assert by_uid["p-x2"][3] == "Post-war ROK abductee" and by_uid["p-x2"][8] == "1977"
    assert by_uid["p-x1"][8] == "1968; 2001"
    assert by_uid["p-x1"][9].endswith("/entity/p-x1")
    response = public_client.get("/search.csv?category=postwar_abductee&lang=ko")
    korean = rows(response)
    assert korean[0][0] == "식별자" and {r[1] for r in korean[1:]} == {"김철호", "김영자"}
    assert "전후 납북자" in {r[3] for r in korean[1:]}
    assert "footprints-search-ko.csv" in response.headers["Content-Disposition"]


def test_the_csv_holds_the_same_victims_as_the_page(public_client):
    for query in ("", "q=김", "sex=female", "category=postwar_abductee&category=japanese_abductee",
                  "year_from=1990", "q=Kim&sex=male&view=table&page=2&per_page=10"):
        response = public_client.get(f"/search.csv?{query}")
        found = {r[0] for r in rows(response)[1:]}
        page = public_client.get(f"/search?{query}&per_page=100&page=1".replace("page=2&", ""))
        victims = page.get_data(as_text=True).split('id="results-heading"', 1)[1]  # not /find's
        shown = set(re.findall(r'href="/victims/(p-[\w-]+)"', victims))
        assert found == shown, query
        assert response.headers["X-Total-Count"] == str(len(found))


def test_a_long_result_is_cut_at_the_limit_and_says_so(public_client, monkeypatch):
    monkeypatch.setattr(public_search, "EXPORT_LIMIT", 2)
    response = public_client.get("/search.csv")
    assert len(rows(response)) == 1 + 2 and response.headers["X-Total-Count"] == "6"
    html = public_client.get("/search?lang=en").get_data(as_text=True)
    assert "(the first 2; the whole public graph is on the downloads page)" in html


def test_the_page_links_the_csv_of_its_own_search(public_client):
    doc = parse(public_client.get("/search?sex=female&year_from=1970&page=1&view=table&lang=en"
                                  ).get_data(as_text=True))
    href = next(h for h, text in doc.links() if text == "Download CSV")
    url = urlsplit(href)
    assert url.path == "/search.csv"
    assert parse_qs(url.query) == {"sex": ["female"], "year_from": ["1970"]}


def test_csv_cells_never_run_as_formulas(public_client, published_stores, public_app):
    # A public victim whose name a spreadsheet would read as a formula.
    change_public(published_stores, public_app,
                  "MATCH (p:Victim {uid: 'p-x3'}) SET p.was = p.name_en, "
                  "p.name_en = '=HYPERLINK(\"x\")'")
    try:
        table = rows(public_client.get("/search.csv?occupation=farmer"))
        assert [r[1] for r in table[1:]] == ["'=HYPERLINK(\"x\")"]
    finally:
        change_public(published_stores, public_app,
                      "MATCH (p:Victim {uid: 'p-x3'}) SET p.name_en = p.was REMOVE p.was")


@pytest.mark.parametrize("lang", LANGS)
def test_no_hidden_person_reaches_a_csv_export(public_client, lang):
    everything = public_client.get(f"/search.csv?lang={lang}")
    assert not leaks(everything.data)
    assert {r[0] for r in rows(everything)[1:]} == {"p-x1", "p-x2", "p-x3", "p-x4", "p-1007",
                                                   "p-1010"}
    for person in hidden_people().values():
        for text in (person["name_en"], person["name_ko"], *person["name_variants"],
                     person["uid"]):
            response = public_client.get("/search.csv", query_string={"q": text, "lang": lang})
            assert len(rows(response)) == 1 and not leaks(response.data), text


def chart_links(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each dashboard chart's links: chart name -> [(href, what the link says)]."""
    doc = parse(html)
    out = {}
    for svg in doc.find_all("svg"):
        chart = (svg.get("aria-labelledby") or "").split()[0].removeprefix("chart-")
        chart = chart.removesuffix("-title")
        out[chart] = [(a.get("href"), a.get("aria-label")) for a in svg.find_all("a")]
    return out


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_every_bar_leads_to_the_list_it_counts(public_client):
    links = chart_links(public_client.get("/?lang=en").get_data(as_text=True))
    # every victim chart and the two charts of other records link; the held-back counts do not
    for name in ("victims_by_year", "victims_by_category", "victims_by_sex",
                 "victims_by_age_group", "victims_by_occupation", "victims_by_status",
                 "victims_by_perpetrator", "perpetrators_by_type", "proceedings_by_forum"):
        assert links[name], name
    assert links["held_by_category"] == []
    checked = 0
    for name, pairs in links.items():
        for href, said in {h: s for h, s in pairs}.items():
            count = number(said.split(":")[-1].split("(")[0])
            html = public_client.get(href + "&lang=en").get_data(as_text=True)
            doc = parse(html)
            if href.startswith("/search"):
                shown = doc.by_id("results-heading").text()
                assert number(shown) == count, (name, href, shown)
            else:
                assert href.startswith("/browse/")
                assert re.search(rf">{count} published records?<", html), (name, href)
            checked += 1
    assert checked >= 15
    assert "/search?first_year=1977" in {h for h, _ in links["victims_by_year"]}


def test_a_key_without_a_list_has_no_link(public_client, published_stores, public_app):
    # a victim with no recorded sex is counted as "unknown", which no filter can select
    change_public(published_stores, public_app,
                  "MATCH (p:Victim {uid: 'p-x3'}) SET p.was = p.sex REMOVE p.sex")
    try:
        html = public_client.get("/?lang=en").get_data(as_text=True)
    finally:
        change_public(published_stores, public_app,
                      "MATCH (p:Victim {uid: 'p-x3'}) SET p.sex = p.was REMOVE p.was")
    sexes = chart_links(html)["victims_by_sex"]
    assert len(sexes) == 2 * 2  # female and male (slice and legend entry), no "unknown"
    assert all("unknown" not in href for href, _ in sexes)
    assert "Unknown" in html


def test_browse_filters_by_the_field_it_shows(public_client):
    html = public_client.get("/browse/perpetrators?perpetrator=mss&lang=en").get_data(as_text=True)
    doc = parse(html)
    listed = {h for h, _ in doc.one("ul", class_="browse-list").links()}
    assert listed and all(h.startswith("/perpetrators/") for h in listed)
    everyone = parse(public_client.get("/browse/perpetrators?lang=en").get_data(as_text=True))
    assert listed < {h for h, _ in everyone.one("ul", class_="browse-list").links()}
    assert dict(doc.one("ul", class_="active-filters").links()) == {
        "/browse/perpetrators": "Ministry of State Security × (remove this filter)"}
    # a value outside the vocabulary is ignored, not an error
    assert public_client.get("/browse/perpetrators?perpetrator=nope").status_code == 200


@pytest.mark.parametrize("lang, intro, notice", [
    ("en", "Footprints Graph records people arbitrarily detained",
     "This is a demonstration: "),
    ("ko", "풋프린츠 그래프는 북한에 의해", "시연용입니다: "),
])
def test_a_first_visit_says_what_the_site_is_above_the_charts(public_client, published_stores,
                                                             public_app, lang, intro, notice):
    html = public_client.get(f"/?lang={lang}").get_data(as_text=True)  # synthetic fixtures
    # without synthetic records (real data), no notice
    change_public(published_stores, public_app,
                  "MATCH (p:Victim) WHERE p.synthetic SET p:WasSynthetic REMOVE p.synthetic")
    try:
        assert notice not in public_client.get(f"/?lang={lang}").get_data(as_text=True)
    finally:
        change_public(published_stores, public_app,
                      "MATCH (p:WasSynthetic) SET p.synthetic = true REMOVE p:WasSynthetic")
    main = html.split('<main id="main"', 1)[1]
    # the sentence, then the search box, then the notice, all before the first chart
    first_chart = main.index('class="chart-panel"')
    assert main.index(intro) < main.index('id="dashboard-q"') < main.index(notice) < first_chart
    doc = parse(html)
    box = doc.by_id("dashboard-q")
    assert box.get("name") == "q" and "data-find" in box.attrs
    assert doc.find("form", class_="dashboard-search").get("action") == "/search"


def test_empty_kinds_are_explained_not_linked(public_client, published_stores, public_app):
    change_public(published_stores, public_app,
                  "MATCH (i:Instrument) SET i:WasInstrument REMOVE i:Instrument")
    try:
        html = public_client.get("/?lang=en").get_data(as_text=True)
        listing = public_client.get("/browse/instruments?lang=en").get_data(as_text=True)
    finally:
        change_public(published_stores, public_app,
                      "MATCH (i:WasInstrument) SET i:Instrument REMOVE i:WasInstrument")
    counters = parse(html).one("ul", class_="counters")
    hrefs = {h for h, _ in counters.links()}
    assert "/browse/perpetrators" in hrefs and "/browse/instruments" not in hrefs
    assert all(number(a.one("span", class_="counter-value").text()) > 0
               for a in counters.find_all("a"))
    assert re.search(r"Nothing published yet: [^.]*Instruments", html)
    assert "No record of this kind is published yet." in listing
