"""Accessibility the tests can see without a browser.

Contrast: the colours of service/static/css/site.css (custom properties resolved) meet WCAG
AA: 4.5:1 for text on every surface the stylesheet puts text on, 3:1 for the focus ring
(WCAG 1.4.11); and the charts' text on the charts' background.

Structure: every page type, in both languages, has exactly one ``<h1>``, one ``<main>``
landmark holding it, ``<html lang>`` set to the chosen language, and every ``<svg role="img">``
has a ``<title>``; any other ``role="img"`` has an accessible name. The page types are the
routes of the pages blueprint: a new route fails the test until it is added to ``PAGES``.
"""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from service.pages import browse, dashboard
from service.pages.lookup import PROFILE_KINDS
from tests.service.pages import css
from tests.service.pages.dom import Element, parse
from tests.support import catalogue

LANGS = ("en", "ko")
AA_TEXT = 4.5
AA_NON_TEXT = 3.0
#: Selectors of the site header (white text on the dark header), checked against it.
HEADER = (".site-header", ".header-inner", ".brand", ".tagline", ".site-nav", ".lang-switch",
          ".nav-toggle", ".js .nav-toggle", ".js .site-nav")
#: Backgrounds that carry no text of their own: map areas and pins (their clusters' numbers
#: are checked on their own below).
NOT_TEXT_SURFACES = (".map", ".pin", ".cluster")
#: Rules that set a colour and a background and hold text of other colours (links in the
#: footer, the figure of a counter): surfaces for every text colour too.
CONTAINERS = ("html", ".site-footer", ".counters a")


def in_header(selector: str) -> bool:
    return selector.startswith(HEADER)


def no_text(selector: str) -> bool:
    return selector.startswith(NOT_TEXT_SURFACES)


def rule(selector: str) -> css.Rule:
    found = [r for r in css.rules() if selector in r.selectors and r.media is None]
    assert len(found) == 1, selector
    return found[0]


# -- contrast ---------------------------------------------------------------------------------

def test_stylesheet_is_read():
    """The parser sees the colours the pages use (so the tests below are not vacuous)."""
    props = css.custom_properties()
    assert {"--text", "--bg", "--muted", "--accent", "--accent-dark", "--panel"} <= props.keys()
    html, link = rule("html"), rule("a")
    assert html.color == css.colour(props["--text"]) and html.background == css.colour(props["--bg"])
    assert link.color == css.colour(props["--accent"])
    assert sum(1 for r in css.rules() if r.color or r.background) > 30


def test_main_text_and_links_meet_aa():
    page = rule("html").background
    for selector in ("html", "a", "a:hover", ".note", ".lead", "details > summary"):
        ratio = css.contrast(rule(selector).color, page)
        assert ratio >= AA_TEXT, f"{selector}: {rule(selector).color} on {page} is {ratio:.2f}:1"


def test_every_text_colour_on_every_content_surface():
    """Text and link colours of the content (rules with a colour and no background of their
    own, and the page's text) on every background of the content (the page, panels, the
    provenance box, callouts, the network canvas, the footer...): text can end up on any of
    them, a link in the footer or a muted note in a panel. A control that sets its own
    colour and background (a button, a badge) is checked by the next test."""
    rules = [r for r in css.rules() if not any(in_header(s) for s in r.selectors)]
    texts = {(r.color, s) for r in rules if r.color and not r.background
             for s in r.selectors if not no_text(s)}
    texts.add((rule("html").color, "html"))
    surfaces = {(r.background, s) for r in rules if r.background
                and (not r.color or set(r.selectors) & set(CONTAINERS))
                for s in r.selectors if not no_text(s)}
    assert set(CONTAINERS) <= {s for _, s in surfaces}
    assert len(texts) > 10 and len(surfaces) > 8
    failures = [f"{ts} {tc} on {ss} {sc}: {css.contrast(tc, sc):.2f}:1"
                for tc, ts in sorted(texts) for sc, ss in sorted(surfaces)
                if css.contrast(tc, sc) < AA_TEXT]
    assert not failures, failures


def test_rules_with_their_own_background_meet_aa():
    """Buttons, badges, chips, the current page in the pager and menu, errors, tooltips."""
    pairs = [(s, r.color, r.background) for r in css.rules() if r.color and r.background
             for s in r.selectors]
    assert len(pairs) > 8
    failures = [f"{s}: {c} on {b} is {css.contrast(c, b):.2f}:1" for s, c, b in pairs
                if css.contrast(c, b) < AA_TEXT]
    assert not failures, failures


def test_header_text_meets_aa():
    header = rule(".site-header").background
    rules = [r for r in css.rules() if any(in_header(s) for s in r.selectors)]
    colours = {(s, r.color) for r in rules if r.color and not r.background for s in r.selectors}
    assert {".tagline", ".brand a", ".site-nav a"} <= {s for s, _ in colours}
    failures = [f"{s}: {c} on {header} is {css.contrast(c, header):.2f}:1" for s, c in colours
                if css.contrast(c, header) < AA_TEXT]
    assert not failures, failures


def test_map_cluster_numbers_meet_aa():
    number = rule(".cluster").color
    backgrounds = {s: r.background for r in css.rules() for s in r.selectors
                   if s.startswith(".cluster-") and r.background}
    assert len(backgrounds) == 4
    for selector, background in backgrounds.items():
        assert css.contrast(number, background) >= AA_TEXT, selector


def test_focus_ring_is_visible_on_the_page_and_the_header():
    focus = css.colour(css.custom_properties()["--focus"])
    assert rule(":focus-visible").declarations["outline"].endswith(focus)
    for surface in (rule("html").background, rule(".site-header").background,
                    rule(".explorer-form").background):
        assert css.contrast(focus, surface) >= AA_NON_TEXT, surface


def test_colour_contrast_arithmetic():
    assert css.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert css.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic miss
    assert css.colour("1px solid #FFF") == "#ffffff" and css.colour("transparent") is None
    rules = css.rules(":root { --a: #123456; --b: var(--a); } p { color: var(--b); "
                      "background: var(--nope, #fff) } @media (x) { p { color: #000 } }")
    assert rules[1].color == "#123456" and rules[1].background == "#ffffff"
    assert rules[2].media == "@media (x)"


def test_chart_text_meets_aa_on_the_chart(public_client):
    for lang in LANGS:
        doc = parse(public_client.get(f"/?lang={lang}").get_data(as_text=True))
        charts = doc.find_all("svg", class_="chart-svg")
        assert len(charts) == len(dashboard.CHARTS)
        for svg in charts:
            rects = svg.direct("rect")  # the first drawing: the chart's background
            assert rects, svg.attrs
            background = css.colour(rects[0].get("fill"))
            assert background == "#ffffff" and rects[0].get("width") == svg.get("width")
            texts = svg.find_all("text")
            assert texts, svg.get("aria-labelledby")
            for text in texts:
                fill = next(el.get("fill") for el in _ancestors(text) if el.get("fill"))
                ratio = css.contrast(css.colour(fill), background)
                assert ratio >= AA_TEXT, (svg.get("aria-labelledby"), text.text(), fill, ratio)


def _ancestors(el: Element):
    while el is not None:
        yield el
        el = el.parent


# -- structure --------------------------------------------------------------------------------

def public_uid_per_kind(stores) -> dict[str, str]:
    """A public record of every profile kind: kind -> uid (the first by uid)."""
    from service.pages.lookup import kind_for_labels

    records, _, _ = stores.public.execute_query(
        "MATCH (n:Entity) RETURN n.uid AS uid, labels(n) AS labels ORDER BY uid",
        database_=stores.database("public"))
    out: dict[str, str] = {}
    for r in records:
        out.setdefault(kind_for_labels(r["labels"]), r["uid"])
    return out


def pages(stores) -> dict[str, list[str]]:
    """Endpoint of the pages blueprint -> the URLs that show it (every mode of a page)."""
    uids = public_uid_per_kind(stores)
    return {
        "pages.dashboard": ["/"],
        "pages.search": ["/search", "/search?category=postwar_abductee", "/search?view=table",
                         "/search?q=nobody-is-called-this", "/search?q=Hoeryong",
                         "/search?q=Kim&kind=victims", "/search?q=%EA%B4%80%EB%A6%AC%EC%86%8C"],
        "pages.browse_index": ["/browse"],
        "pages.browse": [f"/browse/{kind}" for kind in browse.KINDS],
        "pages.map_page": ["/map", "/map?category=postwar_abductee&sex=female&year_from=1950"],
        "pages.network": ["/network", "/network?focus=p-x1&hops=2",
                          "/network?path_from=p-x1&path_to=body-mss",
                          "/network?path_from=p-x1&path_to=org-nobody", "/network?chain=p-x1",
                          "/network?focus=p-nobody", "/network?focus=Kim",
                          "/network?path_from=Kim&path_to=Hoer"],
        "pages.profile": [f"/{kind}/{uid}" for kind, uid in sorted(uids.items())],
        "pages.entity": [f"/entity/{uids['victims']}"],
        "pages.researchers": ["/researchers"],
        "pages.console_page": ["/researchers/console"],
        "pages.downloads_page": ["/researchers/downloads"],
        "pages.about": ["/about"],
        "pages.search_text": ["/documents/text", "/documents/text?q=letter",
                              "/documents/text?q=nobody-wrote-this"],
        "not found": ["/victims/p-nobody", "/no-such-page"],
    }


def test_every_page_type_is_checked(public_app, published_stores):
    """Every GET route of the pages blueprint is in ``pages()`` (chart downloads are images,
    checked by the next test), and every profile kind has a page there."""
    endpoints = {r.endpoint for r in public_app.url_map.iter_rules()
                 if r.endpoint.startswith("pages.") and "GET" in r.methods}
    files = {"pages.chart_download", "pages.public_file", "pages.page_image",
             "pages.search_csv"}  # not HTML
    assert endpoints - files <= pages(published_stores).keys()
    # every kind but "people" (witnesses and relatives: the fixtures publish none)
    assert set(public_uid_per_kind(published_stores)) == set(PROFILE_KINDS) - {"people"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_one_h1_a_main_landmark_and_its_language(public_client, published_stores,
                                                                lang):
    checked = 0
    for endpoint, urls in pages(published_stores).items():
        for url in urls:
            sep = "&" if "?" in url else "?"
            response = public_client.get(f"{url}{sep}lang={lang}", follow_redirects=True)
            assert response.status_code == (404 if endpoint == "not found" else 200), url
            doc = parse(response.get_data(as_text=True))
            where = f"{url} [{lang}]"
            assert doc.one("html").get("lang") == lang, where
            mains = doc.find_all("main")
            assert len(mains) == 1 and mains[0].get("id") == "main", where
            h1s = doc.find_all("h1")
            assert len(h1s) == 1 and h1s[0].text(), (where, [h.text() for h in h1s])
            assert mains[0].find("h1") is h1s[0], where
            title = doc.one("head").one("title").text()  # a title of its own (WCAG 2.4.2)
            site = catalogue.text("Footprints Graph", lang)
            assert title.endswith(site) and title != site, where
            check_images(doc, where)
            skip = doc.find("a", class_="skip-link")
            assert skip is not None and skip.get("href") == "#main", where
            assert skip.text() == catalogue.text("Skip to content", lang), where
            checked += 1
    assert checked > 30


def check_images(doc: Element, where: str) -> None:
    """Every ``<svg role="img">`` has a non-empty ``<title>`` as its first element; any
    other ``role="img"`` has a name; images have alt text."""
    for svg in doc.find_all("svg", role="img"):
        elements = [c for c in svg.children if isinstance(c, Element)]
        assert elements and elements[0].tag == "title" and elements[0].text(), (where, svg.attrs)
        for ref in (svg.get("aria-labelledby") or "").split():
            assert doc.by_id(ref).text(), (where, ref)
    for el in doc.find_all(role="img"):
        if el.tag == "svg":
            continue
        name = el.get("aria-label") or " ".join(doc.by_id(ref).text() for ref in
                                                (el.get("aria-labelledby") or "").split())
        assert name.strip(), (where, el.attrs)
    for img in doc.find_all("img"):
        assert img.get("alt") is not None, (where, img.attrs)
    for svg in doc.find_all("svg"):  # decorative drawings are hidden from assistive technology
        assert svg.get("role") == "img" or svg.get("aria-hidden") == "true", (where, svg.attrs)


@pytest.mark.parametrize("lang", LANGS)
def test_chart_downloads_are_titled_images(public_client, lang):
    for name in dashboard.CHARTS:
        response = public_client.get(f"/charts/{name}.svg?lang={lang}")
        assert response.status_code == 200
        doc = parse(response.get_data(as_text=True))
        svg = doc.one("svg", role="img")
        with public_client.application.test_request_context(), force_locale(lang):
            title = str(dashboard.CHARTS[name].title)
        assert svg.one("title", id=f"chart-{name}-title").text() == title
        check_images(doc, name)
