"""Every page of the explorer renders in both languages for the published fixtures, with
its security headers and nothing loaded from another origin; and nothing about the eight
people who must not be public reaches any page, JSON answer or download (the leak test).

The fixtures (tests/support/published.py): the consent-states fixture (ten people in every
consent state, two public) and the explorer fixture (public victims, events, a chain of
command, places, proceedings), both published once for this module.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest

from service.pages import dashboard
from service.pages.examples import EXAMPLES
from tests.service.pages.dom import parse
from tests.support import catalogue
from tests.support.leaks import PUBLIC_PEOPLE, hidden_people, identifying_strings, leaks

LANGS = ("en", "ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: What the about page says, in its source language (tests.support.catalogue translates).
SYNTHETIC_HEADING = "Demonstration data is synthetic"
SYNTHETIC_TEXT = ("The demonstration dataset is generated: every person in it is invented, although "
                  "the proportions between categories, the places and the perpetrator structures "
                  "mirror the real problem. Records marked “synthetic” describe no real person.")
CONSENT_RULES = (
    "Private by default: a person without a consent to publication is not public.",
    "Publication needs consent to publication, by the person or, for the dead or disappeared, "
    "their family. Consent to a UN submission or to internal use never counts as consent to "
    "publish.",
    "A fact is published only if a source supporting it permits public use. That a document is "
    "available elsewhere, for instance on a UN website, does not make it publishable here.",
    "Third parties at risk, such as relatives or witnesses inside North Korea, are never "
    "published with identifying data.",
    "Publication also needs an editor's review.",
    "Withdrawal takes effect at once: the person leaves the public graph, search, statistics "
    "and downloads in the same request.",
    "A relationship is public only if both of its ends are public.",
    "Statistics come from the public graph. The count of cases held confidentially never "
    "breaks down to fewer than 5 people.",
)
CONSENT_WHY = ("These rules answer a real failure: in 2021 a documentation group accused a public "
               "database of publishing personal data of victims and witnesses taken from "
               "petitions to UN working groups, whose consent covered the UN only.")
STATIC_PAGES = ["/", "/search", "/search?q=Kim&category=postwar_abductee",
                "/search?sex=female&view=table&per_page=10", "/search?q=%EA%B9%80", "/browse",
                "/map", "/network", "/network?focus=p-x1&hops=2",
                "/network?path_from=p-x1&path_to=body-mss&k=2", "/network?chain=p-x1",
                "/researchers/console", "/researchers/downloads", "/about"]


def public_nodes(stores) -> list[tuple[str, list[str]]]:
    records, _, _ = stores.public.execute_query(
        "MATCH (n:Entity) RETURN n.uid AS uid, labels(n) AS labels ORDER BY uid",
        database_=stores.database("public"))
    return [(r["uid"], r["labels"]) for r in records]


def profile_pages(stores) -> list[str]:
    return [f"/entity/{uid}" for uid, _ in public_nodes(stores)]


class Assets(HTMLParser):
    """The URLs a page would load by itself (scripts, styles, images, frames), and inline
    scripts (anything but a JSON data block)."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.inline: list[str] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "script":
            self._in_script = attrs
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"event handler on <{tag}>")

    def handle_data(self, data):
        if self._in_script is not None and data.strip() and \
                self._in_script.get("type") != "application/json":
            self.inline.append(data[:80])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def get_page(client, url: str, lang: str):
    sep = "&" if "?" in url else "?"
    response = client.get(f"{url}{sep}lang={lang}", follow_redirects=True)
    return response


def test_every_page_renders_in_both_languages(public_client, published_stores):
    pages = STATIC_PAGES + profile_pages(published_stores)
    assert len(pages) > 30
    for url in pages:
        for lang in LANGS:
            response = get_page(public_client, url, lang)
            assert response.status_code == 200, (url, lang, response.status_code)
            html = response.get_data(as_text=True)
            assert f'<html lang="{lang}">' in html, url
            assert response.headers["Content-Type"].startswith("text/html")
            csp = response.headers["Content-Security-Policy"]
            assert "default-src 'self'" in csp and "script-src 'self';" in csp
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert response.headers["Referrer-Policy"] == "no-referrer"
            assets = Assets()
            assets.feed(html)
            assert all(u.startswith("/") and not u.startswith("//") or u == "data:,"
                       for u in assets.loads), (url, assets.loads)
            assert not assets.inline, (url, assets.inline)
            if lang == "ko":
                assert "풋프린츠 그래프" in html and "한국어" in html
            else:
                assert "Footprints Graph" in html


def test_every_kind_of_profile_is_reachable(public_client, published_stores):
    kinds = set()
    for uid, _ in public_nodes(published_stores):
        response = public_client.get(f"/entity/{uid}")
        assert response.status_code == 302
        kinds.add(response.headers["Location"].split("/")[1])
    assert {"victims", "perpetrators", "locations", "events", "proceedings", "instruments",
            "sources", "organizations", "officials"} <= kinds


def test_dashboard_has_counters_charts_tables_and_downloads(public_client):
    html = public_client.get("/?lang=en").get_data(as_text=True)
    for name in ("victims_by_year", "victims_by_category", "victims_by_sex", "victims_by_age_group",
                 "victims_by_occupation", "perpetrators_by_type", "proceedings_by_forum",
                 "held_by_category"):
        assert f'id="chart-{name}-title"' in html
        assert f'id="table-{name}"' in html
        assert f"/charts/{name}.csv" in html and f"/charts/{name}.svg" in html
    assert "Held confidentially" in html
    ko = public_client.get("/?lang=ko").get_data(as_text=True)
    assert "유형별 피해자" in ko and "전후 납북자" in ko  # UI string and vocabulary label


def test_chart_downloads(public_client):
    response = public_client.get("/charts/victims_by_category.csv?lang=ko")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    assert text.splitlines()[0] == "코드,유형,수"
    assert "postwar_abductee,전후 납북자,2" in text
    svg = public_client.get("/charts/victims_by_sex.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert "attachment" in svg.headers["Content-Disposition"]
    assert public_client.get("/charts/nope.csv").status_code == 404


def test_search_state_lives_in_the_url(public_client):
    html = public_client.get("/search?category=postwar_abductee&sex=female&lang=en"
                             ).get_data(as_text=True)
    assert ">1 victim<" in html and "Kim Young-ja" in html and "Kim Chul-ho" not in html
    assert 'value="postwar_abductee" checked' in html
    assert "/search?sex=female" in html.replace("&amp;", "&")  # remove-filter links keep the rest
    # the table view of one page: the three public men, no pager (paging with more results
    # than a page holds: test_search_pagination.py); switching view or page size keeps the rest
    paged = parse(public_client.get("/search?per_page=10&sex=male&page=1&view=table&lang=en"
                                    ).get_data(as_text=True)).labelled_by("results-heading")
    rows = paged.one("table").one("tbody").find_all("tr")
    assert {href for row in rows for href, _ in row.links()} == {
        "/victims/p-x1", "/victims/p-1007", "/victims/p-1010"}
    assert paged.find("nav", class_="pager") is None
    links = dict(paged.links())
    assert links["/search?sex=male&per_page=10"] == "Cards"
    assert links["/search?sex=male&per_page=50&view=table"] == "50"


@pytest.mark.parametrize("lang, synthetic, invented, consent, publication, un", [
    ("en", "synthetic", "invented", "consent", "consent to publication", "UN"),
    ("ko", "합성", "가상", "동의", "공개 동의", "유엔"),
])
def test_about_says_the_demo_is_synthetic_and_explains_consent(public_client, lang, synthetic,
                                                              invented, consent, publication, un):
    doc = parse(public_client.get(f"/about?lang={lang}").get_data(as_text=True))
    assert doc.one("html").get("lang") == lang
    main = doc.one("main")
    assert main.one("h1").text() == catalogue.text("About the data and the method", lang)
    # the demo data is synthetic: said in a section of its own (and in every page's footer)
    block = main.labelled_by("synthetic-heading")
    heading, said = block.by_id("synthetic-heading").text(), block.text()
    assert synthetic in heading and invented in said
    assert said == " ".join(catalogue.text(x, lang) for x in (SYNTHETIC_HEADING, SYNTHETIC_TEXT))
    assert synthetic in doc.one("footer").text()
    # how consent works: the section profiles link to (/about#consent), with the eight rules
    section = main.one("section", id="consent")
    assert section.get("aria-labelledby") == "consent-heading"
    assert consent in section.by_id("consent-heading").text()
    rules = [li.text() for li in section.one("ol").find_all("li")]
    assert rules == [catalogue.text(rule, lang) for rule in CONSENT_RULES]
    assert publication in rules[0] and un in rules[1]  # private by default; UN consent is not
    assert catalogue.text(CONSENT_WHY, lang) in section.text()
    assert all(HANGUL.search(x) for x in rules) == (lang == "ko")


def test_language_choice_is_remembered(public_client):
    response = public_client.get("/about?lang=ko")
    assert "lang=ko" in response.headers["Set-Cookie"]
    html = public_client.get("/about").get_data(as_text=True)  # the cookie, no parameter
    assert '<html lang="ko">' in html
    public_client.get("/about?lang=en")
    assert '<html lang="en">' in public_client.get("/about").get_data(as_text=True)
    fresh = public_client.application.test_client()
    html = fresh.get("/about", headers={"Accept-Language": "ko-KR,ko;q=0.9"}).get_data(as_text=True)
    assert '<html lang="ko">' in html


def test_switch_links_keep_the_query(public_client):
    html = public_client.get("/search?q=Kim&sex=male&lang=en").get_data(as_text=True)
    assert 'href="/search?q=Kim&amp;sex=male&amp;lang=ko"' in html


def test_provenance_panel_of_a_public_person(public_client):
    html = public_client.get("/victims/p-x1?lang=en").get_data(as_text=True)
    assert "Why this is public" in html and "2021-03-01" in html
    assert "Synthetic explorer testimony" in html
    html = public_client.get("/perpetrators/body-mss?lang=ko").get_data(as_text=True)
    assert "개인정보가 없는 참고 자료" in html


def test_explorer_views(public_client):
    path = public_client.get("/network?path_from=p-x1&path_to=body-mss&lang=en").get_data(as_text=True)
    assert "Kim Chul-ho →" in path and "Ministry of State Security" in path
    chain = public_client.get("/network?chain=p-x1&lang=en").get_data(as_text=True)
    assert "Synthetic Liaison Unit → Synthetic Bureau 7" in chain
    expand = "/api/v1/graphs/neighbourhood/{uid}?hops=1\\u0026limit=60\\u0026lang=en"
    assert expand in public_client.get("/network?focus=p-x1&lang=en").get_data(as_text=True)


def test_console_examples_work_on_the_published_fixture(public_ctx):
    from service.public import console

    for key, query in EXAMPLES.items():
        result = console.run(query)
        assert result["rows"], f"example {key} returned no rows on the fixture"


def test_console_example_through_the_api(public_client, researcher_headers):
    response = public_client.post("/api/v1/cypher", json={"query": EXAMPLES["by_category"]},
                                  headers=researcher_headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["columns"] == ["category", "victims"]
    assert public_client.post("/api/v1/cypher", json={"query": "RETURN 1"}).status_code == 401


def test_not_found_pages_do_not_echo_what_was_asked(public_client):
    for url in ("/victims/p-1001", "/entity/p-1001", "/people/p-1002", "/nonsense-p-1003"):
        response = public_client.get(url)
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert "p-100" not in html and "<html" in html
    assert public_client.get("/api/v1/entities/victims/p-1001").is_json  # the API keeps JSON


# -- the leak test -----------------------------------------------------------------------------

def hidden_queries() -> list[str]:
    out = []
    for person in hidden_people().values():
        out += [person["name_en"], person["name_ko"], *person["name_variants"]]
    return out


def chart_downloads(client, lang: str) -> list[str]:
    """The CSV and SVG download of every chart the dashboard offers, as the page links them
    (and the page offers every chart of ``service.pages.dashboard.CHARTS``)."""
    doc = parse(client.get(f"/?lang={lang}").get_data(as_text=True))
    hrefs = sorted({href for href, _ in doc.links() if href.startswith("/charts/")})
    names = {href.split("/")[2].split(".")[0] for href in hrefs}
    assert names == set(dashboard.CHARTS)
    assert len(hrefs) == 2 * len(dashboard.CHARTS)
    return hrefs


def collect(client, stores) -> dict[str, bytes]:
    """Every page, JSON answer and download a visitor or researcher can get, by URL."""
    bodies: dict[str, bytes] = {}
    nodes = public_nodes(stores)
    urls = STATIC_PAGES + profile_pages(stores)
    urls += [f"/network?focus={uid}&hops=3&limit=500" for uid, _ in nodes]
    urls += [f"/browse/{kind}" for kind in ("victims", "officials", "perpetrators", "locations",
                                            "events", "proceedings", "instruments", "resources",
                                            "sources", "organizations")]
    for lang in LANGS:
        for url in urls:
            sep = "&" if "?" in url else "?"
            response = client.get(f"{url}{sep}lang={lang}", follow_redirects=True)
            assert response.status_code == 200, url
            bodies[f"{url} [{lang}]"] = response.data
        for href in chart_downloads(client, lang):
            response = client.get(f"{href}?lang={lang}")
            assert response.status_code == 200, href
            bodies[f"chart {href} [{lang}]"] = response.data
        for layer in ("lived", "taken_from", "last_seen", "held"):
            bodies[f"map {layer} [{lang}]"] = client.get(f"/api/v1/maps/{layer}?lang={lang}").data
        for uid, _ in nodes:  # what a click in the network view fetches
            bodies[f"expand {uid} [{lang}]"] = client.get(
                f"/api/v1/graphs/neighbourhood/{uid}?hops=3&limit=500&lang={lang}").data
    for name in ("graph.jsonl", "graph.graphml"):
        bodies[name] = client.get(f"/api/v1/downloads/{name}").data
    for table in ("persons", "events", "proceedings", "sources", "relationships"):
        bodies[f"{table}.csv"] = client.get(f"/api/v1/downloads/csv/{table}.csv").data
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/downloads/csv.zip").data))
    for member in archive.namelist():
        bodies[f"csv.zip/{member}"] = archive.read(member)
    return bodies


def test_no_hidden_person_reaches_any_page_json_or_download(public_client, published_stores,
                                                           researcher_headers):
    hidden = hidden_people()
    assert len(hidden) == 8 and not set(hidden) & PUBLIC_PEOPLE
    bodies = collect(public_client, published_stores)
    for key, query in EXAMPLES.items():
        bodies[f"console {key}"] = public_client.post(
            "/api/v1/cypher", json={"query": query}, headers=researcher_headers).data
    bodies["console all"] = public_client.post(
        "/api/v1/cypher", json={"query": "MATCH (n) OPTIONAL MATCH (n)-[r]-(m) RETURN n, r, m"},
        headers=researcher_headers).data
    assert len(bodies) > 200
    found = {name: hits for name, body in bodies.items() if (hits := leaks(body))}
    assert not found, f"non-public people leaked: {found}"
    # the public people are there, so the scan did look at real content
    assert any(b"Nam Gyeongho-public" in body for body in bodies.values())


def test_searching_for_hidden_people_finds_nothing(public_client):
    for text in hidden_queries():
        for lang in LANGS:
            response = public_client.get("/search", query_string={"q": text, "lang": lang})
            html = response.get_data(as_text=True)
            assert ">0 victims<" in html or "피해자 0명" in html, text
            results = html.split('id="results-heading"', 1)[1]  # the query echo is in the form
            assert not leaks(results), text
            assert not leaks(html.replace(f'value="{text}"', "")), text


@pytest.mark.parametrize("param", ["focus", "chain"])
def test_explorer_does_not_echo_hidden_uids(public_client, param):
    for uid in hidden_people():
        html = public_client.get(f"/network?{param}={uid}").get_data(as_text=True)
        assert not leaks(html), (uid, leaks(html))
        assert any(s in html for s in ("No public record has this identifier",
                                       "이 식별자를 가진 공개 기록이 없습니다"))
    for uid in hidden_people():
        html = public_client.get(f"/network?path_from=p-x1&path_to={uid}").get_data(as_text=True)
        assert not leaks(html)


def test_identifying_strings_cover_names_and_uids():
    person = next(iter(hidden_people().values()))
    assert person["uid"] in identifying_strings(person)
