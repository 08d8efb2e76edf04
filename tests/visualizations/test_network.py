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


def test_a_growing_view_lists_every_kind_hiding_those_it_does_not_hold():
    """The explorer adds nodes on click: a kind that arrives then needs its checkbox, so its
    legend lists every kind, the absent ones hidden (network.js shows them when counted)."""
    html = network_html(star(2), LABELS, expand_url="/api/v1/graphs/neighbourhood/{uid}")
    items = re.findall(r"<li( hidden)?><label><input[^>]*value=\"(\w+)\"", html)
    kinds = {kind: bool(hidden) for hidden, kind in items}
    assert list(kinds) == list(network.KIND_ORDER)
    assert kinds["Victim"] is False and kinds["Event"] is False
    assert kinds["Location"] is True and kinds["Proceeding"] is True
    entries = network.legend(LABELS, None, counts={"Victim": 1})
    assert entries[0]["count"] == 1 and not entries[0]["absent"]
    assert all(e["count"] == 0 and e["absent"] for e in entries[1:])


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


# -- readable views: groups, labels by zoom and degree, the legend's filter, the controls ---------

def camp(victims: int, events: int = 2) -> dict:
    """A camp (Location) where ``victims`` victims were held (each a leaf), and ``events``
    events that occurred there, each also subjecting one victim of its own (not leaves)."""
    nodes = [{"uid": "loc-camp", "labels": ["Location"], "caption": "Camp 15", "properties": {}}]
    rels = []
    for i in range(victims):
        nodes.append({"uid": f"v-{i:02}", "labels": ["Person", "Victim"],
                      "caption": f"Victim {victims - i:02}", "properties": {}})
        rels.append({"id": f"h{i}", "type": "HELD_AT", "from": f"v-{i:02}", "to": "loc-camp",
                     "properties": {}})
    for i in range(events):
        nodes.append({"uid": f"e-{i}", "labels": ["Event"], "caption": f"Event {i}", "properties": {}})
        nodes.append({"uid": f"w-{i}", "labels": ["Person", "Victim"], "caption": f"Witnessed {i}",
                      "properties": {}})
        rels.append({"id": f"o{i}", "type": "OCCURRED_AT", "from": f"e-{i}", "to": "loc-camp",
                     "properties": {}})
        rels.append({"id": f"s{i}", "type": "SUBJECTED_TO", "from": f"w-{i}", "to": f"e-{i}",
                     "properties": {}})
    return {"nodes": nodes, "relationships": rels}


def test_leaves_of_one_kind_past_the_threshold_become_one_group():
    drawn, groups = network.group_leaves(camp(9), threshold=8)
    assert len(groups) == 1
    group = groups[0]
    assert group["id"] == "group:Victim:loc-camp" and group["parent"] == "loc-camp"
    assert group["kind"] == "Victim"
    # members in caption order, with their own relationships, exactly as the graph had them
    assert [m["caption"] for m in group["members"]] == [f"Victim {i:02}" for i in range(1, 10)]
    assert {r["id"] for r in group["relationships"]} == {f"h{i}" for i in range(9)}
    # the drawn graph: the camp, the events and the victims who are not leaves of the camp
    assert {n["uid"] for n in drawn["nodes"]} == {"loc-camp", "e-0", "e-1", "w-0", "w-1"}
    assert {r["id"] for r in drawn["relationships"]} == {"o0", "o1", "s0", "s1"}


def test_no_group_at_or_below_the_threshold_and_none_of_kept_nodes():
    assert network.group_leaves(camp(8), threshold=8)[1] == []
    # w-0 is a leaf of e-0, not of the camp: several kinds or parents never mix in one group
    drawn, groups = network.group_leaves(camp(12), threshold=8, keep=["v-00", "v-01", "v-02",
                                                                      "v-03"])
    assert groups == []  # 8 left once four are kept
    drawn, groups = network.group_leaves(camp(12), threshold=8, keep=["v-00"])
    assert len(groups[0]["members"]) == 11 and "v-00" in {n["uid"] for n in drawn["nodes"]}


def test_label_scale_falls_with_degree_and_hubs_are_always_labelled():
    assert network.label_scale(network.HUB_DEGREE) == 0.0
    assert network.label_scale(40) == 0.0
    scales = [network.label_scale(d) for d in (1, 2, 3)]
    assert scales == sorted(scales, reverse=True) and scales[0] == 1.0
    assert network.label_scale(4, hub_degree=4) == 0.0
    # vis-network hides a label while font size x zoom < drawThreshold - 1
    assert network.draw_threshold(0.0) == 0.0
    assert network.draw_threshold(1.0) == 1 + network.FONT_SIZE


def test_group_node_carries_its_members_and_the_view_lists_every_record():
    graph = camp(12)
    html = network_html(graph, LABELS, element_id="g")
    found = parse(html)
    payload = json.loads(found.data["g-data"])
    groups = [n for n in payload["nodes"] if "members" in n]
    assert len(groups) == 1
    group = groups[0]
    assert group["label"] == "피해자 (12)" and group["count"] == 12 and group["kind"] == "Victim"
    assert group["group_of"] == "loc-camp" and group["scaling"]["label"]["drawThreshold"] == 0
    assert {m["id"] for m in group["members"]} == {f"v-{i:02}" for i in range(12)}
    member = group["members"][0]
    assert member["shape"] == network.NODE_STYLES["Victim"][0] and member["url"].startswith("/entity/v-")
    assert {e["id"] for e in group["memberEdges"]} == {f"h{i}" for i in range(12)}
    assert not {m["id"] for m in group["members"]} & {n["id"] for n in payload["nodes"]}
    edge = next(e for e in payload["edges"] if e["to"] == group["id"])
    assert edge["from"] == "loc-camp" and edge["dashes"] is True
    # the text alternative and the canvas's label count every record, grouped ones included
    assert html.count('href="/entity/v-') == 12
    assert "Interactive network view: 17 nodes, 16 relationships" in html
    # the legend counts every record by kind: a checkbox per kind, disabled until network.js
    legend = re.search(r'<figcaption class="network-legend">(.*?)</figcaption>', html, re.S).group(1)
    boxes = re.findall(r'<input type="checkbox" class="legend-filter" value="(\w+)" checked disabled>',
                       legend)
    assert boxes == ["Victim", "Location", "Event"]  # in KIND_ORDER
    assert re.findall(r'data-kind="(\w+)">\((\d+)\)', legend) == [("Victim", "14"), ("Location", "1"),
                                                                   ("Event", "2")]


def test_without_grouping_every_record_is_drawn():
    payload = json.loads(parse(network_html(camp(12), LABELS, element_id="g",
                                            group_threshold=None)).data["g-data"])
    assert not any("members" in n for n in payload["nodes"]) and len(payload["nodes"]) == 17


def test_labels_are_drawn_from_a_zoom_that_falls_with_degree():
    payload = json.loads(parse(network_html(camp(4), LABELS, element_id="g",
                                            focus="e-0")).data["g-data"])
    by_id = {n["id"]: n for n in payload["nodes"]}
    threshold = {uid: n["scaling"]["label"]["drawThreshold"] for uid, n in by_id.items()}
    assert threshold["loc-camp"] == 0.0  # six neighbours: a hub
    assert threshold["e-0"] == 0.0  # the focus is always labelled
    assert threshold["v-00"] == network.draw_threshold(1.0)  # a leaf: only zoomed in
    assert threshold["e-1"] == network.draw_threshold(network.label_scale(2))
    assert network.draw_threshold(1.0) > threshold["e-1"] > 0
    assert by_id["v-00"]["labelScale"] == 1.0 and by_id["v-00"]["caption"] == "Victim 04"
    # a smaller hub degree (the profile's inset) labels a five-neighbour node at every zoom
    payload = json.loads(parse(network_html(camp(3), LABELS, element_id="g",
                                            hub_degree=4)).data["g-data"])
    assert next(n for n in payload["nodes"] if n["id"] == "loc-camp")["labelScale"] == 0.0


def test_controls_are_hidden_until_the_script_runs_and_speak_the_callers_words():
    labels = NetworkLabels(kinds=LABELS.kinds, find="이 관계망에서 찾기", fit="화면에 맞추기",
                           reset="처음 보기로", expand_groups="묶음 모두 풀기",
                           matches={"other": "노드 {count}개가 일치합니다."}, no_match="없음")
    html = network_html(camp(12), labels, element_id="g")
    tools = re.search(r'<div class="network-tools" id="g-tools" hidden>(.*?)</div>', html, re.S)
    assert tools, "the controls do nothing without network.js: hidden until it shows them"
    for words in ("이 관계망에서 찾기", "화면에 맞추기", "처음 보기로", "묶음 모두 풀기"):
        assert words in tools.group(1)
    assert 'type="search"' in tools.group(1) and 'role="status"' in tools.group(1)
    payload = json.loads(parse(html).data["g-data"])
    assert payload["strings"] == {"matches": {"other": "노드 {count}개가 일치합니다."}, "noMatch": "없음"}
    assert payload["fontSize"] == network.FONT_SIZE
    # no group, no ungroup button
    assert "network-ungroup" not in network_html(camp(3), labels)
