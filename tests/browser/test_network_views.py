"""The network views' controls in Chromium: node-type filter in the legend, search and
highlight inside the drawn graph, group nodes that open in place, fit and reset; the same in
Korean, by keyboard, and on a 390 px phone without horizontal scroll; a perpetrator body's
profile inset stays legible (grouped, few labels, a link to the full view).
Screenshots: tests/artifacts/network-*.png.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = pytest.mark.browser
VICTIMS = 300
FIGURE = "document.querySelector('figure[data-network=explorer-network]')"
DATA = "document.querySelector('figure[data-network=explorer-network]').network.body.data"


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("views"), VICTIMS)
    from service.app import create_app

    with LiveServer(create_app(settings)) as live:
        yield live


def hub(stores, label: str = "Entity") -> str:
    """The public record of ``label`` with the most neighbours."""
    records, _, _ = stores.public.execute_query(
        f"MATCH (n:{label}) WHERE NOT n:Source "
        "RETURN n.uid AS uid, COUNT { (n)-[r]-(:Entity) WHERE type(r) <> 'SUPPORTS' } AS degree "
        "ORDER BY degree DESC, uid LIMIT 1", database_=stores.database("public"))
    return records[0]["uid"]


def wait_network(page) -> None:
    wait_for(page, "document.body.dataset.networkReady === '1'", timeout=30)


def payload(page, figure_id: str = "explorer-network") -> dict:
    return json.loads(page.locator(f"#{figure_id}-data").text_content())


def js(page, expression: str, arg=None):
    """Evaluate in the explorer's figure: ``figure``, ``net`` (vis Network), ``nodes``."""
    return page.evaluate(
        "([fig, arg]) => { const figure = document.querySelector(`figure[data-network=${fig}]`);"
        " const net = figure.network; const nodes = net.body.data.nodes;"
        " const edges = net.body.data.edges; return (" + expression + "); }",
        [arg[0] if isinstance(arg, tuple) else "explorer-network",
         arg[1] if isinstance(arg, tuple) else arg])


def listed_total(data: dict) -> int:
    """The records a view holds: drawn nodes plus the members of its group nodes."""
    return sum(len(n["members"]) if "members" in n else 1 for n in data["nodes"])


def legend_counts(page, figure: str = "explorer-network") -> dict[str, int]:
    spans = page.locator(f"figure[data-network={figure}] .legend-count")
    return {spans.nth(i).get_attribute("data-kind"): int(spans.nth(i).text_content().strip("()")
                                                         .replace(",", ""))
            for i in range(spans.count())}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_explorer_filter_search_groups_fit_and_reset(chromium, server, stores, artifacts, lang):
    from graph.model import MODEL

    uid = hub(stores)
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/network?focus={uid}&hops=2&limit=500&lang={lang}")
    wait_network(page)
    data = payload(page)
    tools = page.locator("#explorer-network-tools")
    assert tools.is_visible()  # hidden in the HTML, shown by network.js
    groups = [n for n in data["nodes"] if "members" in n]
    assert groups and js(page, "Number(figure.dataset.groups)") == len(groups)
    # the legend: a checkbox per type, in the page's language, counting every record held
    counts = legend_counts(page)
    assert sum(counts.values()) == listed_total(data)
    victim_box = page.locator(".legend-filter[value=Victim]")
    assert victim_box.is_enabled() and victim_box.is_checked()
    label = page.locator("label", has=victim_box).inner_text()
    assert MODEL.kind_label("Victim", lang) in label

    # untick a type (keyboard: Space on the checkbox): its nodes and their edges hide
    victim_box.focus()
    page.keyboard.press("Space")
    assert not victim_box.is_checked()
    hidden = js(page, "nodes.get().filter(n => n.kind === 'Victim').every(n => n.hidden)"
                      " && nodes.get().filter(n => n.kind !== 'Victim').every(n => !n.hidden)")
    assert hidden
    assert js(page, "edges.get().filter(e => [e.from, e.to].some(u => nodes.get(u) &&"
                    " nodes.get(u).kind === 'Victim')).every(e => e.hidden)")
    page.keyboard.press("Space")
    assert js(page, "nodes.get().every(n => !n.hidden)")

    # search inside the graph: a record hidden in a group is found, its group opens, the
    # match is highlighted and labelled, the rest dimmed; Enter selects it; Escape clears
    member = groups[0]["members"][0]
    search = page.locator(".network-find-input")
    search.fill(member["caption"])
    wait_for(page, f"{FIGURE}.dataset.matches !== undefined && "
                   f"{DATA}.nodes.get({json.dumps(member['id'])}) !== null")
    matches = js(page, "nodes.get().filter(n => n.opacity === 1).map(n => n.id)")
    assert member["id"] in matches
    assert js(page, "nodes.get(arg).scaling.label.drawThreshold", member["id"]) == 0
    assert js(page, "nodes.get().filter(n => n.opacity < 1).length") > 0
    status = page.locator(".network-find-status").inner_text()
    assert status and (("match" in status) if lang == "en" else ("일치" in status)), status
    search.press("Enter")
    assert js(page, "net.getSelectedNodes()") == [member["id"]]
    assert page.locator("#node-panel .panel-name").inner_text() == member["caption"]
    page.locator("#explorer-network").screenshot(path=str(artifacts / f"network-search-{lang}-1280.png"))
    search.press("Escape")
    assert js(page, "nodes.get().every(n => n.opacity === 1)")
    nothing = "zzzz-no-such-name"
    search.fill(nothing)
    wait_for(page, f"{FIGURE}.dataset.matches === '0'")
    assert page.locator(".network-find-status").inner_text()

    # ungroup all, by keyboard: every record drawn; reset: groups, filters and search back
    page.locator(".network-ungroup").focus()
    page.keyboard.press("Enter")
    assert js(page, "Number(figure.dataset.groups)") == 0
    assert js(page, "nodes.length") == listed_total(data)
    assert legend_counts(page) == counts
    victim_box.uncheck()
    page.locator(".network-reset").click()
    assert js(page, "Number(figure.dataset.groups)") == len(groups)
    assert victim_box.is_checked() and search.input_value() == ""
    assert js(page, "nodes.get().every(n => !n.hidden && n.opacity === 1)")
    assert js(page, "nodes.length") == len(data["nodes"])

    # fit: from a close zoom back to the whole view
    js(page, "net.moveTo({scale: 4, animation: false})")
    page.locator(".network-fit").click()
    assert js(page, "net.getScale()") < 4
    if lang == "en":
        page.locator("figure[data-network=explorer-network]").screenshot(
            path=str(artifacts / "network-explorer-1280.png"))
    assert not rec.foreign(server.url) and not rec.errors, rec.errors
    ctx.close()


def test_labels_follow_zoom_and_degree(chromium, server, stores):
    """A hub is labelled at every zoom; a leaf only when zoomed in (vis-network's own label
    visibility, with the thresholds network.py set)."""
    uid = hub(stores)
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/network?focus={uid}&hops=2&limit=500&lang=en")
    wait_network(page)
    data = payload(page)
    hubs = [n["id"] for n in data["nodes"] if n["labelScale"] == 0 and "members" not in n]
    leaves = [n["id"] for n in data["nodes"] if n["labelScale"] == 1]
    assert uid in hubs and leaves
    visible = "net.body.nodes[arg].labelModule.visible()"
    for scale, leaf_shown in ((0.3, False), (1.5, True)):
        js(page, f"net.moveTo({{scale: {scale}, animation: false}})")
        js(page, "net.redraw()")
        assert js(page, visible, uid) is True
        assert js(page, visible, leaves[0]) is leaf_shown, scale
    ctx.close()


def test_a_kind_that_arrives_by_expansion_gets_its_legend_checkbox(chromium, server, stores):
    """The explorer's legend lists every kind; those the view does not hold yet are hidden
    until a click brings one in, and then filter like the others."""
    records, _, _ = stores.public.execute_query(
        "MATCH (v:Victim)--(e:Event)--(:PerpetratorBody) "
        "WHERE NOT EXISTS { (v)--(:PerpetratorBody) } "
        "RETURN v.uid AS victim, e.uid AS event ORDER BY v.uid LIMIT 1",
        database_=stores.database("public"))
    assert records, "the synthetic data has a victim whose event names a perpetrator body"
    victim, event = records[0]["victim"], records[0]["event"]
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/network?focus={victim}&hops=1&lang=en")
    wait_network(page)
    bodies = page.locator("li", has=page.locator(".legend-filter[value=PerpetratorBody]"))
    assert bodies.count() == 1 and not bodies.is_visible()
    assert page.locator("li", has=page.locator(".legend-filter[value=Victim]")).is_visible()
    point = page.evaluate("""(uid) => {
        const net = document.querySelector('figure[data-network=explorer-network]').network;
        document.getElementById('explorer-network').scrollIntoView({block: 'center'});
        net.focus(uid, {scale: 1.2, animation: false});
        const pos = net.canvasToDOM(net.getPositions([uid])[uid]);
        const box = document.getElementById('explorer-network').getBoundingClientRect();
        return {x: box.left + pos.x, y: box.top + pos.y};
    }""", event)
    page.mouse.click(point["x"], point["y"])
    wait_for(page, f"Number({FIGURE}.dataset.expanded || 0) >= 1", timeout=15)
    assert bodies.is_visible()
    assert legend_counts(page)["PerpetratorBody"] >= 1
    box = page.locator(".legend-filter[value=PerpetratorBody]")
    box.uncheck()
    assert js(page, "nodes.get().filter(n => n.kind === 'PerpetratorBody')"
                    ".every(n => n.hidden)")
    assert not rec.errors, rec.errors
    ctx.close()


def grouped_body(stores, server) -> str:
    """The busiest perpetrator body whose profile inset has a group node: which bodies have
    more than a few leaves of one type depends on the generated data."""
    records, _, _ = stores.public.execute_query(
        "MATCH (n:PerpetratorBody) RETURN n.uid AS uid ORDER BY COUNT { (n)--(:Entity) } DESC, "
        "n.uid LIMIT 12", database_=stores.database("public"))
    for record in records:
        with urllib.request.urlopen(f"{server.url}/entity/{record['uid']}?lang=en") as response:
            html = response.read().decode("utf-8")
        block = re.search(r'id="profile-network-data">(.*?)</script>', html, re.S)
        if block and any("members" in n for n in json.loads(block.group(1))["nodes"]):
            return record["uid"]
    raise AssertionError("no busy perpetrator body's profile inset has a group node")


def test_profile_inset_is_grouped_sparsely_labelled_and_links_to_the_explorer(
        chromium, server, stores, artifacts):
    body = grouped_body(stores, server)
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/entity/{body}?lang=en")
    wait_network(page)
    data = payload(page, "profile-network")
    groups = [n for n in data["nodes"] if "members" in n]
    assert groups, "a perpetrator body's leaves are grouped in its profile's inset"
    always = [n for n in data["nodes"] if n["scaling"]["label"]["drawThreshold"] == 0]
    assert len(always) <= len(data["nodes"]) // 2
    link = page.locator("section.profile-network a.network-full")
    assert link.get_attribute("href") == f"/network?focus={body}&hops=2"
    page.locator("section.profile-network").screenshot(path=str(artifacts / "network-profile-1280.png"))
    # a group opens in place on click
    group = groups[0]
    point = page.evaluate("""(uid) => {
        const net = document.querySelector('figure[data-network=profile-network]').network;
        document.getElementById('profile-network').scrollIntoView({block: 'center'});
        const pos = net.canvasToDOM(net.getPositions([uid])[uid]);
        const box = document.getElementById('profile-network').getBoundingClientRect();
        return {x: box.left + pos.x, y: box.top + pos.y};
    }""", group["id"])
    page.mouse.click(point["x"], point["y"])
    assert js(page, "nodes.get(arg[0]) === null && nodes.get(arg[1]) !== null",
              ("profile-network", [group["id"], group["members"][0]["id"]]))
    assert not rec.errors, rec.errors
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_phone_width_has_no_horizontal_scroll(chromium, server, stores, artifacts, lang):
    uid, body = hub(stores), hub(stores, "PerpetratorBody")
    ctx, page, rec = new_page(chromium, viewport=(390, 844))
    for name, url in (("explorer", f"/network?focus={uid}&hops=2&limit=500&lang={lang}"),
                      ("profile", f"/entity/{body}?lang={lang}")):
        page.goto(server.url + url)
        wait_network(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        assert page.locator(".network-tools").first.is_visible()
        if lang == "en":
            page.locator("figure[data-network]").first.screenshot(
                path=str(artifacts / f"network-{name}-390.png"))
    ctx.close()
