"""The map in Chromium over a published synthetic dataset: the search's filters applied at
once (ticking a category changes the markers, the URL and the counts without a page
load), place names by zoom level, counts centred on cluster discs, a 390 px phone without
horizontal scroll, nothing loaded from another origin. Screenshots: tests/artifacts/
map-desktop.png (1280 px, filtered), map-phone.png (390 px), map-ko.png (Korean, zoomed in).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = [pytest.mark.browser]
VICTIMS = 200

MARKERS = "Number(document.getElementById('map').dataset.markers)"
LABELS = "Number(document.getElementById('map').dataset.labels || 0)"


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("map"), VICTIMS)
    from service.app import create_app

    with LiveServer(create_app(settings)) as live:
        yield live


def open_map(page, url: str) -> None:
    page.goto(url)
    wait_for(page, "document.body.dataset.mapReady === '1'")


def test_ticking_a_category_filters_the_map_at_once(chromium, server, artifacts):
    ctx, page, rec = new_page(chromium)
    open_map(page, server.url + "/map?lang=en")
    everything = page.evaluate(MARKERS)
    counts = page.inner_text("#map-layers")
    page.evaluate("window.__sameDocument = true")  # gone if the page were reloaded
    page.check("input[name=category][value=japanese_abductee]")
    wait_for(page, "document.getElementById('map').dataset.query === "
                   "'category=japanese_abductee'")
    filtered = page.evaluate(MARKERS)
    assert 0 < filtered < everything
    assert page.evaluate("window.__sameDocument === true")
    assert page.url.endswith("/map?category=japanese_abductee")
    assert page.inner_text("#map-layers") != counts
    assert "Japanese abductee" in page.inner_text("#map-status")
    # The markers are the API's for the same filters.
    api = page.evaluate("fetch('/api/v1/maps/taken_from?category=japanese_abductee')"
                        ".then(r => r.json()).then(b => b.features.length)")
    config = page.evaluate("JSON.parse(document.getElementById('map-config').textContent)"
                           ".layers.find(l => l.key === 'taken_from').markers.length")
    assert api == config > 0
    # A popup says its count with the right plural.
    texts = page.evaluate("JSON.parse(document.getElementById('map-config').textContent)"
                          ".layers.flatMap(l => l.markers.map(m => [m.count, m.count_text]))")
    for count, text in texts:
        assert text == (f"{count} victim" if count == 1 else f"{count} victims")
    page.screenshot(path=str(artifacts / "map-desktop.png"), full_page=False)
    # Unticking brings every marker back.
    page.uncheck("input[name=category][value=japanese_abductee]")
    wait_for(page, "document.getElementById('map').dataset.query === ''")
    assert page.evaluate(MARKERS) == everything
    assert rec.foreign(server.url) == [] and rec.errors == []
    ctx.close()


def test_cluster_counts_sit_in_the_middle_of_their_disc(chromium, server):
    ctx, page, _ = new_page(chromium)
    open_map(page, server.url + "/map?lang=en")
    wait_for(page, "document.querySelectorAll('.cluster span').length > 0")
    offsets = page.evaluate("""Array.from(document.querySelectorAll('.cluster')).map(c => {
        const a = c.getBoundingClientRect(), b = c.querySelector('span').getBoundingClientRect();
        return [Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2),
                Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2),
                a.width - parseFloat(getComputedStyle(c).width)];
    })""")
    assert offsets
    for dx, dy, _ in offsets:
        assert dx <= 1 and dy <= 1.5, offsets
    # The disc is as wide as Leaflet's iconSize, so its anchor (half of it) is its centre.
    sizes = page.evaluate("""Array.from(document.querySelectorAll('.cluster')).map(c =>
        [c.getBoundingClientRect().width, parseFloat(c.style.width),
         parseFloat(c.style.marginLeft)])""")
    for width, style_width, margin in sizes:
        assert abs(width - style_width) < 0.5 and abs(margin + style_width / 2) < 0.5, sizes
    ctx.close()


def test_phone_and_korean(chromium, server, artifacts):
    ctx, page, rec = new_page(chromium, viewport=(390, 844))
    open_map(page, server.url + "/map?lang=en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "map-phone.png"), full_page=True)
    ctx.close()

    ctx, page, rec = new_page(chromium)
    open_map(page, server.url + "/map?lang=ko")
    at_start = page.evaluate(LABELS)
    assert at_start > 0
    names = page.evaluate("Array.from(document.querySelectorAll('.map-label')).map(e => "
                          "e.textContent)")
    assert "대한민국" in names and "조선민주주의인민공화국" in names  # Natural Earth's name_ko
    assert "함경북도" not in names and "청진" not in names

    def zoom_in() -> list[str]:
        before = page.evaluate(LABELS)
        page.click(".leaflet-control-zoom-in")
        wait_for(page, f"{LABELS} > {before}")
        return page.evaluate("Array.from(document.querySelectorAll('.map-label')).map(e => "
                             "e.textContent)")

    names = zoom_in()
    assert "함경북도" in names and "청진" not in names  # provinces at a low zoom level
    names = zoom_in()
    assert "청진" in names  # towns once zoomed in
    page.evaluate("document.getElementById('map').scrollIntoView()")
    page.screenshot(path=str(artifacts / "map-ko.png"), full_page=False)
    assert rec.foreign(server.url) == [] and rec.errors == []
    ctx.close()
