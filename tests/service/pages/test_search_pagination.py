"""Search results page by page: the links to the next page carry the whole search (filters,
page size, view), and page 2 shows the results page 1 did not.

The shared fixtures have six public victims, fewer than the smallest page (10); this module
publishes them with twelve more public male post-war abductees and three female ones, so
that ``sex=male&category=postwar_abductee`` has 13 results: 10 on page 1, 3 on page 2.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.service.pages.dom import Element, parse
from tests.support.catalogue import counted, text
from tests.support.leaks import CONSENT_STATES
from tests.support.published import EXPLORER, publish_fixtures

EXTRA_MALE = [f"p-pg{n:02d}" for n in range(1, 13)]
EXTRA_FEMALE = [f"p-pg{n:02d}" for n in range(13, 16)]
#: The fixtures' public male post-war abductees: Kim Chul-ho and the twelve above.
EXPECTED = {"p-x1", *EXTRA_MALE}
SEARCH = {"sex": ["male"], "category": ["postwar_abductee"], "per_page": ["10"]}


def extra_victims() -> list[dict]:
    rows: list[dict] = [
        {"record": "Organization", "uid": "org-pg", "name_en": "Synthetic Paging Group",
         "name_ko": "합성 쪽나눔 모임", "kind": "ngo", "synthetic": True},
        {"record": "Source", "uid": "src-pg", "kind": "testimony", "title": "Synthetic paging testimony",
         "terms_of_use": "public", "submitted_by": "org-pg", "submitted_on": "2020-01-01",
         "synthetic": True}]
    for n, uid in enumerate(EXTRA_MALE + EXTRA_FEMALE, start=1):
        rows += [
            {"record": "Person", "uid": uid, "roles": ["Victim"], "name_en": f"Paging Victim {n:02d}",
             "name_ko": f"쪽나눔 피해자 {n:02d}", "name_variants": [], "owner": "org-pg",
             "review_status": "approved", "synthetic": True, "contact": f"Synthetic contact {uid}",
             "notes": f"Synthetic note {uid}", "sex": "male" if uid in EXTRA_MALE else "female",
             "birth_year": 1940 + n, "nationality": "KR", "occupation": "fisherman",
             "status": "missing", "category": "postwar_abductee", "age_group": "adult"},
            {"record": "Consent", "uid": f"con-{uid}", "purpose": "publication",
             "given_on": "2021-03-01", "obtained_by": "Synthetic editor", "method": "written",
             "by_family": False},
            {"record": "rel", "type": "GAVE", "from": uid, "to": f"con-{uid}"},
            {"record": "rel", "type": "SUPPORTS", "from": "src-pg", "to": uid}]
    return rows


@pytest.fixture(scope="module")
def published_stores(stores, tmp_path_factory):
    """The shared fixtures plus the victims above, published for this module only."""
    path = tmp_path_factory.mktemp("paging") / "paging.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in extra_victims()),
                    encoding="utf-8")
    publish_fixtures(stores, CONSENT_STATES, EXPLORER, path)
    return stores


def victims_heading(n: int, lang: str) -> str:
    return counted("%(count)s victim", "%(count)s victims", n, lang)


def page_status(page: int, last: int, lang: str) -> str:
    return text("Page %(page)s of %(last)s", lang, page=page, last=last)


def results_page(client, url: str) -> tuple[Element, Element]:
    response = client.get(url)
    assert response.status_code == 200, url
    doc = parse(response.get_data(as_text=True))
    return doc, doc.labelled_by("results-heading")


def victims_listed(results: Element) -> list[str]:
    """The victims a results page lists, in order (the other links there are tools)."""
    listing = results.find("table") or results.find("ul", class_="cards")
    assert listing is not None
    return [href.rsplit("/", 1)[-1] for href, _ in listing.links() if href.startswith("/victims/")]


def pager_link(results: Element, rel: str | None = None, number: int | None = None) -> str:
    pager = results.one("nav", class_="pager")
    links = [a for a in pager.find_all("a")
             if (rel is None or a.get("rel") == rel) and (number is None or a.text() == str(number))]
    assert len(links) == 1, (rel, number, pager.links())
    return links[0].get("href")


def query_of(href: str) -> dict[str, list[str]]:
    parts = urlsplit(href)
    assert parts.path == "/search" and not parts.netloc
    return parse_qs(parts.query)


@pytest.mark.parametrize("view", ["table", "cards"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_two_carries_the_search_and_shows_the_rest(public_client, view, lang):
    search = {**SEARCH, **({"view": [view]} if view != "cards" else {})}
    query = "&".join(f"{k}={v}" for k, vs in search.items() for v in vs)
    doc, results = results_page(public_client, f"/search?{query}&lang={lang}")
    assert results.by_id("results-heading").text() == victims_heading(13, lang)
    first = victims_listed(results)
    assert len(first) == 10 and set(first) <= EXPECTED
    pager = results.one("nav", class_="pager")
    assert pager.one("p", class_="pager-status").text() == page_status(1, 2, lang)
    assert pager.one("a", **{"aria-current": "page"}).text() == "1"
    assert pager.find("a", rel="prev") is None

    # the next-page link and the link numbered 2 are the same URL: the search, page 2
    href = pager_link(results, rel="next")
    assert href == pager_link(results, number=2)
    assert query_of(href) == {**search, "page": ["2"]}

    _, results2 = results_page(public_client, f"{href}&lang={lang}")
    second = victims_listed(results2)
    assert len(second) == 3
    assert not set(first) & set(second)
    assert set(first) | set(second) == EXPECTED  # every match once, none of the women
    pager2 = results2.one("nav", class_="pager")
    assert pager2.one("a", **{"aria-current": "page"}).text() == "2"
    assert pager2.one("p", class_="pager-status").text() == page_status(2, 2, lang)
    assert pager2.find("a", rel="next") is None

    # back to page 1: the same search, without a page parameter, the same results
    back = pager_link(results2, rel="prev")
    assert query_of(back) == search
    _, results1 = results_page(public_client, f"{back}&lang={lang}")
    assert victims_listed(results1) == first


def test_filters_change_the_count_and_the_pages(public_client):
    """The filters decide what is paged: without the sex filter the search has 17 results
    (Kim Young-ja and the three women too), with ``sex=female`` 4 on one page, without a pager."""
    _, results = results_page(public_client, "/search?category=postwar_abductee&per_page=10&lang=en")
    assert results.by_id("results-heading").text() == victims_heading(17, "en")
    assert query_of(pager_link(results, rel="next")) == {"category": ["postwar_abductee"],
                                                         "per_page": ["10"], "page": ["2"]}
    _, results = results_page(public_client, "/search?category=postwar_abductee&sex=female"
                                             "&per_page=10&lang=en")
    listed = victims_listed(results)
    assert results.by_id("results-heading").text() == victims_heading(4, "en")
    assert set(listed) == {"p-x2", *EXTRA_FEMALE}
    assert results.find("nav", class_="pager") is None
