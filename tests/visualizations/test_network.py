"""Network views: pyvis data in our own template, vendored scripts only, precomputed layout
with physics off for large graphs."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from visualizations import network
from visualizations.network import NetworkLabels, network_html

LABELS = NetworkLabels(kinds={"Victim": "피해자", "Event": "사건", "PerpetratorBody": "가해 기관"},
                       relationships={"SUBJECTED_TO": "피해", "PERPETRATED_BY": "가해"},
                       legend="범례")


def star(n: int) -> dict:
    """A victim with ``n`` events, each perpetrated by one of three bodies."""
    nodes = [{"uid": "p-1", "labels": ["Person", "Victim"], "caption": "김철호 <b>", "properties": {}}]
    nodes += [{"uid": f"b-{i}", "labels": ["PerpetratorBody"], "caption": f"Body {i}",
               "properties": {}} for i in range(3)]
    rels = []
    for i in range(n):
        nodes.append({"uid": f"e-{i}", "labels": ["Event"], "caption": f"Event {i}", "properties": {}})
        rels.append({"id": f"r{i}", "type": "SUBJECTED_TO", "from": "p-1", "to": f"e-{i}",
                     "properties": {}})
        rels.append({"id": f"q{i}", "type": "PERPETRATED_BY", "from": f"e-{i}", "to": f"b-{i % 3}",
                     "properties": {}})
    return {"nodes": nodes, "relationships": rels}


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self.data: dict[str, str] = {}
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name) and tag in ("script", "link", "img", "iframe"):
                self.urls.append(attrs[name])
        if tag == "script":
            self._script = attrs
        if "style" in attrs:
            self.inline_scripts.append("style attribute on " + tag)

    def handle_data(self, data):
        if self._script is not None and data.strip():
            if self._script.get("type") == "application/json":
                self.data[self._script["id"]] = data
            else:
                self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def parse(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


def test_standalone_html_loads_only_vendored_scripts_and_has_no_inline_script():
    html = network_html(star(3), LABELS, standalone=True, lang="ko", title="t")
    found = parse(html)
    assert "/static/vendor/vis-network/vis-network.min.js" in found.urls
    assert all(u.startswith("/static/") for u in found.urls), found.urls
    assert not found.inline_scripts
    assert "cdn" not in html.lower() and "bootstrap" not in html.lower()
    assert '<html lang="ko">' in html


def test_payload_carries_pyvis_nodes_edges_and_styles():
    found = parse(network_html(star(3), LABELS, element_id="g1"))
    payload = json.loads(found.data["g1-data"])
    assert {n["id"] for n in payload["nodes"]} == {"p-1", "b-0", "b-1", "b-2", "e-0", "e-1", "e-2"}
    victim = next(n for n in payload["nodes"] if n["id"] == "p-1")
    assert victim["shape"] == network.NODE_STYLES["Victim"][0]
    assert victim["color"] == network.NODE_STYLES["Victim"][1]
    assert victim["title"] == "피해자: 김철호 <b>"
    assert victim["url"] == "/entity/p-1"
    assert {e["id"] for e in payload["edges"]} == {"r0", "r1", "r2", "q0", "q1", "q2"}
    assert next(e for e in payload["edges"] if e["id"] == "q0")["color"] == \
        network.EDGE_COLOURS["command"]
    assert payload["physics"] is True and payload["options"]["physics"]["enabled"] is True
    assert not any("x" in n for n in payload["nodes"])  # small: the browser lays it out


def test_large_graph_gets_positions_and_no_physics():
    graph = star(200)
    html = network_html(graph, LABELS, element_id="big", expand_url="/api/v1/graphs/x/{uid}")
    payload = json.loads(parse(html).data["big-data"])
    assert len(payload["nodes"]) == 204
    assert payload["physics"] is False
    assert payload["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float)
               for n in payload["nodes"])
    assert len({(n["x"], n["y"]) for n in payload["nodes"]}) > 150  # spread out, not piled up
    assert payload["expandUrl"] == "/api/v1/graphs/x/{uid}"
    assert all(e.get("label") is None for e in payload["edges"])  # no edge labels when large


def test_json_block_cannot_close_the_script():
    graph = star(1)
    graph["nodes"][0]["caption"] = "</script><script>alert(1)</script>"
    html = network_html(graph, LABELS)
    assert "</script><script>alert(1)" not in html
    json.loads(parse(html).data["network-data"])


def test_legend_lists_the_kinds_shown_with_their_shapes():
    html = network_html(star(2), LABELS)
    legend = re.search(r'<figcaption class="network-legend">(.*?)</figcaption>', html, re.S).group(1)
    assert "피해자" in legend and "사건" in legend and "가해 기관" in legend
    assert "Location" not in legend and "장소" not in legend
    entries = network.legend(LABELS, {"Victim", "Event"})
    assert [e["kind"] for e in entries] == ["Victim", "Event"]
    assert entries[0]["svg"].startswith("<svg") and network.NODE_STYLES["Victim"][1] in entries[0]["svg"]


def test_text_alternative_lists_nodes_and_relationships():
    html = network_html(star(2), LABELS)
    assert "김철호 &lt;b&gt; — 피해 → Event 0" in html
    assert 'href="/entity/e-1"' in html


def test_canvas_label_counts_what_the_view_holds():
    """The canvas's label is the caller's words for the two counts (its plural forms)."""
    canvas = re.compile(r'class="network-canvas[^"]*"[^>]*aria-label="([^"]*)"')
    # star(1): the victim, one event, three bodies; one SUBJECTED_TO, one PERPETRATED_BY
    assert canvas.search(network_html(star(1), LABELS)).group(1) == \
        "Interactive network view: 5 nodes, 2 relationships"
    lone = {"nodes": star(1)["nodes"][:1], "relationships": []}
    assert canvas.search(network_html(lone, LABELS)).group(1) == \
        "Interactive network view: 1 node, 0 relationships"
    korean = NetworkLabels(canvas_label=lambda n, r: f"관계망: 노드 {n}개, 관계 {r}개")
    assert canvas.search(network_html(star(2), korean)).group(1) == "관계망: 노드 6개, 관계 4개"


def test_layout_places_every_node():
    graph = star(40)
    graph["nodes"].append({"uid": "lonely", "labels": ["Location"], "caption": "x", "properties": {}})
    positions = network.layout(graph)
    assert set(positions) == {n["uid"] for n in graph["nodes"]}
    assert network.layout({"nodes": [], "relationships": []}) == {}


def test_node_kind_prefers_the_most_specific_label():
    assert network.node_kind(["Person", "Victim"]) == "Victim"
    assert network.node_kind(["Person", "Witness"]) == "Person"
    assert network.node_kind(["Person", "Official"]) == "Official"
    assert network.node_kind(["Location"]) == "Location"


def test_pyvis_renders_what_it_was_given_through_our_template():
    """Nodes and edges added with pyvis's own API reach the page through ``render``: pyvis's
    generate_html fills our template (no CDN, no inline script, values escaped)."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.add_node("a", label="<A>", title="Victim: <A>", kind="Victim", url="/entity/a")
    net.add_node("b", label="B", title="Event: B", kind="Event", url="/entity/b")
    net.add_edge("a", "b", id="r1", title="SUBJECTED_TO")
    net.options = network.options(large=False)
    view = {"view": network.view_data(LABELS, elementId="v"), "element_id": "v", "labels": LABELS,
            "rows": [{"from": "<A>", "to": "B", "type": "SUBJECTED_TO"}],
            "legend": network.legend(LABELS, {"Victim", "Event"}), "size": "small",
            "standalone": False, "edge_colours": network.EDGE_COLOURS}
    html = network.render(net, view)
    assert html == net.html  # what pyvis's generate_html produced
    found = parse(html)
    payload = json.loads(found.data["v-data"])
    assert payload["nodes"] == net.get_network_data()[0] == net.nodes
    assert [e["id"] for e in payload["edges"]] == ["r1"]
    assert payload["options"] == network.options(large=False) and payload["physics"] is True
    assert payload["styles"]["Victim"] == {"shape": "dot", "color": network.NODE_STYLES["Victim"][1]}
    assert not found.urls and not found.inline_scripts and "cdn" not in html.lower()
    assert "&lt;A&gt; — SUBJECTED_TO → B" in html and "<A>" not in html


def test_nodes_coloured_by_visibility_keep_their_shape_and_say_their_state():
    labels = NetworkLabels(kinds=LABELS.kinds, states={"confidential": "기밀", "public": "공개"})
    net = network.build(star(2), labels, states={"p-1": "confidential", "e-0": "public"})
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["p-1"]["color"] == network.STATE_COLOURS["confidential"]
    assert nodes["p-1"]["shape"] == network.NODE_STYLES["Victim"][0]
    assert nodes["p-1"]["title"].endswith("(기밀)")
    assert nodes["b-0"]["color"] == network.NODE_STYLES["PerpetratorBody"][1]  # no state given
    entries = network.legend(labels, {"Victim", "Event"}, {"confidential"})
    assert [e["label"] for e in entries] == ["피해자", "사건", "기밀"]
    assert entries[0]["colour"] == network.NEUTRAL
    html = network_html(star(2), labels, states={"p-1": "confidential"})
    assert "기밀" in html and network.STATE_COLOURS["confidential"] in html
