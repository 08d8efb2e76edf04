"""Facets that answer at once, charts that lead to their lists, and a first visit, in Chromium.

A synthetic dataset (300 victims) is published into the test stores. On /search, ticking a
value updates the results, the counts and the URL without a reload (a marker set on the
window survives) and without pressing a button; a second value of the same facet widens the
result (OR) by exactly its count; the back button walks back. On the dashboard, a click on a
chart's bar opens the list it counts. On a 390 px phone the first result is visible without
scrolling past the filters, with no horizontal scroll. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = pytest.mark.browser
VICTIMS = 300


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("facets"), VICTIMS)
    from service.app import create_app

    with LiveServer(create_app(settings)) as live:
        yield live


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def facet_values(page, facet: str) -> dict[str, int]:
    """The values of a facet in the sidebar, with the counts beside them."""
    return page.evaluate("""facet => Object.fromEntries(Array.from(
        document.querySelectorAll(`.facets input[name="${facet}"]`)).map(input => [
            input.value, Number(input.closest("label").querySelector(".count")
                                .textContent.replace(/\\D/g, ""))]))""", facet)


def total(page) -> int:
    return number(page.inner_text("#results-heading"))


def wait_total(page, expected: int) -> None:
    wait_for(page, f"""(() => {{ const h = document.getElementById("results-heading");
        return h && Number(h.textContent.replace(/\\D/g, "")) === {expected} &&
               !document.querySelector(".search-layout[aria-busy]"); }})()""")


def test_ticking_values_updates_results_counts_and_url_at_once(server, chromium, artifacts):
    ctx, page, recorder = new_page(chromium)
    try:
        page.goto(f"{server.url}/search?lang=en")
        assert not page.is_visible("button.apply-filters")  # no button to press
        everyone = total(page)
        categories = facet_values(page, "category")
        (first, n_first), (second, n_second) = sorted(categories.items(),
                                                      key=lambda kv: -kv[1])[:2]
        page.evaluate("window.__stayed = true")
        page.check(f'.facets input[name="category"][value="{first}"]')
        wait_total(page, n_first)
        assert page.evaluate("window.__stayed === true")  # no page load
        assert parse_qs(urlsplit(page.url).query)["category"] == [first]
        # the other values of the facet and their counts stay in view
        assert facet_values(page, "category") == categories
        # the focus stays on the box just ticked (keyboard users keep their place)
        assert page.evaluate("document.activeElement.value") == first
        page.check(f'.facets input[name="category"][value="{second}"]')
        wait_total(page, n_first + n_second)
        assert sorted(parse_qs(urlsplit(page.url).query)["category"]) == sorted([first, second])
        # another facet narrows (AND): its counts are those of the two categories
        sexes = facet_values(page, "sex")
        sex, n_sex = max(sexes.items(), key=lambda kv: kv[1])
        page.check(f'.facets input[name="sex"][value="{sex}"]')
        wait_total(page, n_sex)
        page.screenshot(path=str(artifacts / "search-facets-desktop.png"), full_page=False)
        # the back button walks back through the filters
        page.go_back()
        wait_total(page, n_first + n_second)
        page.go_back()
        wait_total(page, n_first)
        page.go_back()
        wait_total(page, everyone)
        assert page.evaluate("window.__stayed === true")
        assert recorder.foreign(server.url) == [] and recorder.errors == []
    finally:
        ctx.close()


def test_a_chart_bar_leads_to_the_list_it_counts(server, chromium, artifacts):
    ctx, page, recorder = new_page(chromium)
    try:
        page.goto(f"{server.url}/?lang=en")
        bar = page.locator("#victims_by_category svg a").first
        said = bar.get_attribute("aria-label")
        count = number(said.rsplit(":", 1)[1])
        bar.scroll_into_view_if_needed()
        bar.click()
        page.wait_for_url(re.compile(r"/search\?category="))
        assert total(page) == count
        checked = page.eval_on_selector_all(".facets input[name=category]:checked",
                                            "els => els.map(e => e.value)")
        assert checked == parse_qs(urlsplit(page.url).query)["category"]
        # a pie slice's legend entry too (keyboard: its link is focusable)
        page.goto(f"{server.url}/?lang=en")
        entry = page.locator("#victims_by_sex svg a:not([tabindex])").first
        count = number(entry.get_attribute("aria-label").rsplit(":", 1)[1].split("(")[0])
        entry.scroll_into_view_if_needed()
        entry.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search\?sex="))
        assert total(page) == count
        assert recorder.foreign(server.url) == [] and recorder.errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_visit_and_phones(server, chromium, artifacts, lang):
    ctx, page, recorder = new_page(chromium, viewport=(390, 844))
    try:
        page.goto(f"{server.url}/?lang={lang}")
        # the sentence, the search box and the synthetic-data notice above the fold
        for selector in (".intro", "#dashboard-q", ".synthetic-notice"):
            box = page.locator(selector).bounding_box()
            assert box and box["y"] + box["height"] <= 844, selector
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifacts / f"dashboard-first-visit-phone-{lang}.png"))
        page.fill("#dashboard-q", "Kim" if lang == "en" else "김")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search\?"))
        # the first result (a record of any kind, or a victim) without scrolling past filters
        first = page.locator(".results .find-list li, .results .card").first.bounding_box()
        assert first and first["y"] < 844
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifacts / f"search-phone-{lang}.png"))
        # the filters are one link away, and apply at once there too
        page.click(".jump-to-filters a")
        value = page.locator('.facets input[name="sex"]').first
        before = total(page)
        value.check()
        wait_for(page, f"Number(document.getElementById('results-heading').textContent"
                       f".replace(/\\D/g, '')) !== {before}")
        assert recorder.foreign(server.url) == [] and recorder.errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["/search?lang=en", "profile"])
def test_profiles_and_search_results_print_without_the_sites_controls(server, chromium,
                                                                      artifacts, path):
    ctx, page, recorder = new_page(chromium)
    try:
        if path == "profile":
            page.goto(f"{server.url}/search?lang=en")
            page.click(".results .card h3 a")
            page.wait_for_selector("article.profile")
            assert page.is_visible(".profile-actions .print-button")
        else:
            page.goto(f"{server.url}{path}")
            assert page.is_visible(".print-button")
        page.emulate_media(media="print")
        hidden = ".site-header, .facets, .search-box, .result-tools, .profile-actions, .pager"
        shown = page.eval_on_selector_all(
            hidden, "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
        assert shown == 0
        content = ".results .card" if path != "profile" else "article.profile h1"
        assert page.locator(content).first.is_visible()
        name = "search" if path != "profile" else "profile"
        page.screenshot(path=str(artifacts / f"print-{name}.png"), full_page=False)
        assert recorder.errors == []
    finally:
        ctx.close()
