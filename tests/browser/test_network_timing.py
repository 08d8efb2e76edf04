"""How long the network view of the largest neighbourhood in the demo data takes to open.

A dataset of 5,000 generated victims is imported into the TEST vault and published;
the node with the largest 3-hop public neighbourhood is opened in the explorer at 2
and 3 hops (the 3-hop view holds the explorer's maximum, 500 public
records), and the time from navigation to the network being drawn (stabilised, or drawn
at once with a precomputed layout) is measured in Chromium. For the 500-record view
also: the time to draw every record once its groups are opened ("Ungroup all"), and one
redraw (what a pan or zoom costs). The figures are printed and written to
tests/artifacts/network-timing.txt; screenshots of the 500-record view at 1280 and 390
px to tests/artifacts/network-500-*.png.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: Enough that the largest 3-hop public neighbourhood passes the explorer's 500 records.
DEMO_VICTIMS = 5_000
#: Generous: the point is to notice a regression by an order of magnitude, not to benchmark.
BUDGET_S = 15.0


@pytest.fixture(scope="module")
def demo_server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("demo"), DEMO_VICTIMS)
    from service.app import create_app

    with LiveServer(create_app(settings)) as live:
        yield live


def largest_neighbourhood(stores) -> tuple[str, int, int]:
    """The public record with the largest 3-hop neighbourhood (the explorer's largest view;
    ``SUPPORTS`` left out, as the explorer does by default) among the 40 with the most
    neighbours, and the sizes of its 2- and 3-hop neighbourhoods: breadth-first in networkx
    over the public graph's relationships, which is quicker than 40 variable-length
    matches."""
    import networkx as nx

    records, _, _ = stores.public.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'SUPPORTS' "
        "RETURN a.uid AS a, b.uid AS b", database_=stores.database("public"))
    graph = nx.Graph((r["a"], r["b"]) for r in records)
    busiest = sorted(graph.degree, key=lambda x: (-x[1], x[0]))[:40]

    def size(uid: str, hops: int) -> int:
        return len(nx.single_source_shortest_path_length(graph, uid, cutoff=hops)) - 1

    uid = max((u for u, _ in busiest), key=lambda u: (size(u, 3), u))
    return uid, size(uid, 2), size(uid, 3)


def open_view(page, url: str) -> dict:
    """Open a network view; the wall time to the network drawn, and what was drawn: the
    records the view holds (``nodes``: group members included) and the nodes drawn."""
    started = time.monotonic()
    page.goto(url)
    wait_for(page, "document.body.dataset.networkReady === '1'", timeout=60)
    wall = time.monotonic() - started
    data = "JSON.parse(document.getElementById('explorer-network-data').textContent)"
    return {"wall_ms": round(wall * 1000),
            "in_page_ms": int(page.evaluate("document.body.dataset.networkReadyMs")),
            "nodes": page.evaluate(f"{data}.nodes.reduce((t, n) => t + (n.members ? "
                                   "n.members.length : 1), 0)"),
            "drawn": page.evaluate(f"{data}.nodes.length"),
            "groups": page.evaluate(f"{data}.nodes.filter(n => n.members).length"),
            "edges": page.evaluate(f"{data}.edges.length"),
            "physics": page.evaluate(f"{data}.physics")}


#: Time, in the page, from a click on "Ungroup all" (or a redraw) to the next frame drawn.
#: ``redraw()`` draws at once (the listener goes first); a change of the data asks for a
#: frame, drawn in a later task (the listener may go after). Never waits past 20 s.
TIMED = """(what) => new Promise((done) => {
    const net = document.querySelector('figure[data-network=explorer-network]').network;
    let started = 0;
    const drawn = () => done({ms: Math.round(performance.now() - started),
                              nodes: net.body.data.nodes.length});
    setTimeout(() => done({ms: -1, nodes: net.body.data.nodes.length}), 20000);
    started = performance.now();
    if (what === 'ungroup') {
        document.querySelector('.network-ungroup').click();
        net.once('afterDrawing', drawn);
    } else {
        net.once('afterDrawing', drawn);
        net.redraw();
    }
})"""


def test_open_largest_neighbourhood(chromium, demo_server, stores, artifacts):
    uid, size, size3 = largest_neighbourhood(stores)
    ctx, page, rec = new_page(chromium)
    page.goto(demo_server.url + "/about")  # warm the connection pool and the browser
    lines = [f"demo data ({DEMO_VICTIMS} victims generated, published): the largest 3-hop "
             f"neighbourhood is {uid}'s ({size} public records within 2 hops, {size3} within 3; "
             "the explorer draws at most 500)"]
    results = {}
    for hops in (2, 3):
        url = f"{demo_server.url}/network?focus={uid}&hops={hops}&limit=500&lang=en"
        results[hops] = r = open_view(page, url)
        page.locator("figure[data-network=explorer-network]").screenshot(
            path=str(artifacts / f"12-largest-neighbourhood-{hops}-hops.png"))
        lines.append(f"{hops} hops: {r['nodes']} public records ({r['drawn']} nodes drawn, "
                     f"{r['groups']} of them groups), {r['edges']} relationships drawn, "
                     f"physics {'on' if r['physics'] else 'off (precomputed layout)'}; "
                     f"navigation to network drawn {r['in_page_ms']} ms in the page, "
                     f"{r['wall_ms']} ms wall time")
    big = results[3]
    page.locator("figure[data-network=explorer-network]").screenshot(
        path=str(artifacts / "network-500-1280.png"))
    redraw = page.evaluate(TIMED, "redraw")
    ungrouped = page.evaluate(TIMED, "ungroup") if big["groups"] else {"ms": 0, "nodes": big["drawn"]}
    redraw_all = page.evaluate(TIMED, "redraw")
    lines.append(f"{big['nodes']}-record view: one redraw (pan/zoom) {redraw['ms']} ms; "
                 f"\"Ungroup all\" to all {ungrouped['nodes']} nodes drawn {ungrouped['ms']} ms; "
                 f"then one redraw {redraw_all['ms']} ms")
    report = "\n".join(lines) + "\n"
    (artifacts / "network-timing.txt").write_text(report)
    print(report)
    assert not rec.foreign(demo_server.url) and not rec.errors, rec.errors
    assert results[2]["nodes"] >= min(size, 500) * 0.5
    assert results[3]["nodes"] >= results[2]["nodes"]
    assert big["nodes"] >= 500, "the 3-hop view is the explorer's largest: 500 public records"
    assert ungrouped["nodes"] == big["nodes"]
    assert min(redraw["ms"], ungrouped["ms"], redraw_all["ms"]) >= 0  # each frame was drawn
    assert all(r["wall_ms"] < BUDGET_S * 1000 for r in results.values())
    ctx.close()
    phone, page, _ = new_page(chromium, viewport=(390, 844))
    open_view(page, f"{demo_server.url}/network?focus={uid}&hops=3&limit=500&lang=en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("figure[data-network=explorer-network]").screenshot(
        path=str(artifacts / "network-500-390.png"))
    phone.close()
