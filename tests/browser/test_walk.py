"""A visitor's walk through the explorer in Chromium: dashboard -> search with a facet ->
profile -> expand a node in the network view -> path finder -> map layer toggle ->
language switch -> Cypher console example. Every request must go to the app's own origin;
each step leaves a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = pytest.mark.browser
VICTIMS = 200


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("walk"), VICTIMS)
    from service.app import create_app

    app = create_app(settings)
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="module")
def researcher_account(server, stores) -> str:
    from argon2 import PasswordHasher

    from service.vault import accounts

    db = stores.database("vault")
    records, _, _ = stores.vault.execute_query("MATCH (o:Organization) RETURN o.uid AS uid "
                                               "ORDER BY uid LIMIT 1", database_=db)
    slow, accounts._HASHER = accounts._HASHER, PasswordHasher(time_cost=1, memory_cost=8192,
                                                              parallelism=1)
    try:
        user = accounts.create_user(stores.vault, db, "walker@example.org", "researcher",
                                    "correct horse battery staple",
                                    organization=records[0]["uid"], actor="operator:test")
    finally:
        accounts._HASHER = slow
    return accounts.issue_token(stores.vault, db, user["uid"], "browser test",
                                actor="operator:test").secret


def wait_network(page, timeout: float = 20) -> None:
    wait_for(page, "document.body.dataset.networkReady === '1'", timeout=timeout)


def click_node(page, figure_id: str, uid: str) -> None:
    """Click a node of a vis-network view where it is drawn on the canvas."""
    point = page.evaluate("""([fig, uid]) => {
        const figure = document.querySelector(`figure[data-network="${fig}"]`);
        const network = figure.network;
        document.getElementById(fig).scrollIntoView({block: "center"});
        network.focus(uid, {scale: 1.2, animation: false});
        const pos = network.canvasToDOM(network.getPositions([uid])[uid]);
        const box = document.getElementById(fig).getBoundingClientRect();
        return {x: box.left + pos.x, y: box.top + pos.y};
    }""", [figure_id, uid])
    page.mouse.click(point["x"], point["y"])


def payload(page, figure_id: str) -> dict:
    return json.loads(page.locator(f"#{figure_id}-data").text_content())


def test_walk(chromium, server, artifacts, researcher_account):
    ctx, page, rec = new_page(chromium)
    shots = []

    def shot(name: str) -> None:
        page.screenshot(path=str(artifacts / name), full_page=True)
        shots.append(name)

    # 1. dashboard
    page.goto(server.url + "/?lang=en")
    assert page.locator("h1").text_content() == "Dashboard"
    assert int(page.locator(".counter-value").first.text_content().replace(",", "")) > 0
    assert page.locator("svg.chart-svg").count() >= 9
    page.locator("#victims_by_category details summary").click()
    assert page.locator("#table-victims_by_category tbody tr").count() >= 3
    shot("01-dashboard.png")

    # 2. search with a facet
    page.get_by_role("link", name="Search", exact=True).click()
    facet = page.locator("fieldset.facet").first.locator("input[type=checkbox]").first
    key = facet.get_attribute("value")
    facet.check()  # applies at once (search.js): results, counts and the URL change
    wait_for(page, f"location.search.includes('category={key}') && "
                   "document.querySelectorAll('.active-filters li').length === 1")
    assert page.locator(".cards .card").count() > 0
    shot("02-search-facet.png")

    # 3. profile
    page.locator(".cards .card h3 a").first.click()
    page.wait_for_url("**/victims/**")
    uid = page.locator("article.profile").get_attribute("data-uid")
    assert page.get_by_role("heading", name="Why this is public").is_visible()
    wait_network(page)
    shot("03-profile.png")

    # 4. network explorer: expand a node on click
    page.get_by_role("link", name="Explore the network").click()
    page.wait_for_url(f"**/network?focus={uid}**")
    wait_network(page)
    data = payload(page, "explorer-network")
    others = [n["id"] for n in data["nodes"] if n["id"] != uid]
    assert others, "the victim has no public neighbour"
    figure = page.locator("figure[data-network=explorer-network]")
    before = len(data["nodes"])
    expanded_any = False
    for other in others[:6]:
        click_node(page, "explorer-network", other)
        wait_for(page, "Number(document.querySelector('figure[data-network=explorer-network]')"
                       f".dataset.expanded || 0) >= {others.index(other) + 1}", timeout=10)
        count = int(figure.get_attribute("data-node-count") or before)
        if count > before:
            expanded_any = True
            break
    assert expanded_any, "expanding a neighbour added no node"
    assert page.locator("#node-panel .panel-name").text_content()
    shot("04-network-expanded.png")

    # 5. path finder, from the victim to a node the expansion brought in (two steps away)
    drawn = page.evaluate("document.querySelector('figure[data-network=explorer-network]')"
                          ".network.body.data.nodes.getIds()")
    added = [n for n in drawn if n not in others and n != uid]
    target = added[0] if added else others[-1]
    page.fill("#path-form input[name=path_from]", uid)
    page.fill("#path-form input[name=path_to]", target)
    page.get_by_role("button", name="Find paths").click()
    page.wait_for_url("**path_from=**")
    wait_network(page)
    assert page.locator("ol.paths li").first.text_content().count("→") >= (2 if added else 1)
    shot("05-path-finder.png")

    # 6. map: three layers, toggle one off
    page.get_by_role("link", name="Map", exact=True).click()
    wait_for(page, "document.body.dataset.mapReady === '1'", timeout=20)
    assert page.locator("#map").get_attribute("data-layers") == "lived taken_from last_seen"
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 50
    markers = page.locator(".leaflet-marker-icon").count()
    assert markers > 0
    page.get_by_label("Lived").uncheck()
    assert page.locator("#map").get_attribute("data-layers") == "taken_from last_seen"
    assert page.locator(".leaflet-marker-icon").count() < markers
    page.locator(".leaflet-marker-icon.pin").first.click()
    popup = page.locator(".leaflet-popup-content .map-popup")
    popup.wait_for()
    assert popup.locator("a").count() >= 2
    shot("06-map.png")

    # 7. language switch (remembered)
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url("**lang=ko**")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").text_content() == "지도"
    wait_for(page, "document.body.dataset.mapReady === '1'", timeout=20)
    shot("07-map-ko.png")
    page.get_by_role("link", name="현황").click()
    assert page.locator("h1").text_content() == "현황"
    assert "lang=" not in page.url
    shot("08-dashboard-ko.png")

    # 8. Cypher console: signed out it asks to sign in; signed in, an example runs as the
    # researcher (no token is pasted or kept in the browser)
    page.get_by_role("link", name="Cypher 콘솔").click()
    page.get_by_role("button", name="질의 실행").click()
    assert "로그인하세요" in page.locator("#console-error").text_content()
    page.locator("#console-sign-in a").first.click()
    page.fill("#email", "walker@example.org")
    page.fill("#password", "correct horse battery staple")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url("**/researchers/console")
    wait_for(page, "!document.getElementById('console-session').hidden")
    page.locator("button.example[data-example=perpetrators_of_victims]").click()
    page.get_by_role("button", name="질의 실행").click()
    wait_for(page, "document.getElementById('console-output').dataset.state === 'ok'")
    assert page.locator("#console-output tbody tr").count() > 0
    assert page.locator("#console-error").is_hidden()
    assert not page.evaluate("Object.keys(window.sessionStorage).length")
    shot("09-console.png")

    foreign = rec.foreign(server.url)
    assert not foreign, f"requests to other origins: {foreign}"
    assert len(rec.requests) > 20
    assert not rec.errors, rec.errors
    ctx.close()
    (artifacts / "walk-screenshots.txt").write_text("\n".join(shots) + "\n")


def test_phone_layout(chromium, server, artifacts):
    """Usable on a phone: the menu collapses behind a button, pages fit the width."""
    ctx, page, rec = new_page(chromium, viewport=(390, 844), is_mobile=True, has_touch=True)
    page.goto(server.url + "/?lang=ko")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible() and page.locator("#site-nav").is_hidden()
    toggle.click()
    assert page.locator("#site-nav").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    page.screenshot(path=str(artifacts / "10-phone-dashboard-ko.png"), full_page=False)
    page.goto(server.url + "/search?lang=en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(artifacts / "11-phone-search.png"), full_page=False)
    assert not rec.foreign(server.url)
    ctx.close()


def test_keyboard_navigation(chromium, server):
    """The skip link comes first, and the main navigation is reachable by Tab."""
    ctx, page, _ = new_page(chromium)
    page.goto(server.url + "/about?lang=en")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(server.url + "/about?lang=en")
    names = []
    for _ in range(6):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert "Dashboard" in names and "Search" in names
    ctx.close()
