"""Interactive network views: pyvis builds the graph and renders it through our own template.

pyvis collects the styled nodes and edges and the vis-network options, and its
``generate_html`` serialises them into a template; we hand it ours
(``templates/network.html``, autoescaped) instead of its default. Why: pyvis's
default template loads Bootstrap and vis-network from CDNs and writes the data
into an inline script. Ours puts the nodes, edges and options pyvis passes it in a
``<script type="application/json">`` block and loads only
``/static/vendor/vis-network/vis-network.min.js`` and ``/static/js/network.js``
from the app's own origin, so pages make no third-party request and keep a
Content-Security-Policy without inline scripts.

Large views (more than ``LARGE`` nodes) get a layout computed here with
networkx and physics switched off, so the browser draws them at once instead
of simulating hundreds of bodies. What keeps a view readable is decided here too:
leaves of one kind hanging off one node are drawn as one group node past
``GROUP_THRESHOLD`` (``group_leaves``; the page expands it in place), and each node's
label is drawn only from a zoom level that falls with its degree (``label_scale``):
hubs, the focus and the nodes of a path or chain are labelled at every zoom.
Everything here is a pure function of the
graph shape of ``service.public.shape`` (``{"nodes": [...], "relationships":
[...]}``) and the labels the caller passes in: no database, no Flask.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from pyvis.network import Network

TEMPLATES = Path(__file__).parent / "templates"
VIS_JS = "/static/vendor/vis-network/vis-network.min.js"
NETWORK_JS = "/static/js/network.js"
#: What every page's scripts share (the counted messages network.js says): the standalone
#: page loads it first, as base.html does.
SITE_JS = "/static/js/site.js"
#: Above this many nodes the layout is precomputed and physics is off.
LARGE = 60
#: Past this many leaves of one kind on one node, the leaves are drawn as one group node.
GROUP_THRESHOLD = 8
#: A node with at least this many distinct neighbours is a hub: labelled at every zoom.
HUB_DEGREE = 6
#: The nodes' font size; a label is drawn while font size x zoom scale reaches its threshold.
FONT_SIZE = 13
#: Where group nodes' ids start (the kind and the parent's uid follow: one id per group in a view).
GROUP_PREFIX = "group:"
#: Node kinds, most specific first (a Victim is also a Person).
KIND_ORDER = ("Victim", "Official", "Person", "PerpetratorBody", "Location", "Event", "Proceeding",
              "Instrument", "Resource", "Document", "Source", "Organization")
#: kind -> (vis-network shape, colour); colours keep 3:1 contrast on white.
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Victim": ("dot", "#c62828"),
    "Person": ("dot", "#e65100"),
    "Official": ("triangle", "#6a1b9a"),
    "PerpetratorBody": ("square", "#263238"),
    "Location": ("diamond", "#2e7d32"),
    "Event": ("star", "#b8860b"),
    "Proceeding": ("hexagon", "#1565c0"),
    "Instrument": ("triangleDown", "#546e7a"),
    "Resource": ("triangleDown", "#8d4a1f"),
    "Document": ("square", "#5d4037"),
    "Source": ("square", "#78909c"),
    "Organization": ("hexagon", "#00838f"),
}
#: Node colours by visibility (the workspace's badges: service/vault/badges.py), used
#: instead of the kind's colour when a view is coloured by visibility; the shape still
#: tells the kind. Colours keep 3:1 contrast on white.
STATE_COLOURS: dict[str, str] = {
    "public": "#2e7d32", "restricted": "#1565c0", "confidential": "#6a1b9a",
    "at_risk": "#c62828", "withdrawn": "#616161", "pending_review": "#8a6500",
}
#: The kinds' shapes in a view coloured by visibility.
NEUTRAL = "#555555"
#: Relationship types of the chain of command, drawn in a colour of their own.
COMMAND_TYPES = frozenset({"PART_OF", "COMMANDED_BY", "REPORTS_TO", "MEMBER_OF", "PERPETRATED_BY"})
EDGE_COLOURS = {"command": "#8b1a1a", "fact": "#6b6b6b"}

TEMPLATE = "network.html"

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
#: pyvis hands its template the options as a JSON string; the data block carries them as an object.
_env.filters["fromjson"] = json.loads


def describe_canvas(nodes: int, relationships: int) -> str:
    """What a screen reader hears for the canvas, in English: ``NetworkLabels.canvas_label``."""
    return (f"Interactive network view: {nodes} node{'' if nodes == 1 else 's'}, "
            f"{relationships} relationship{'' if relationships == 1 else 's'}")


@dataclass(frozen=True)
class NetworkLabels:
    """The words a network view shows, in the page's language (the caller translates);
    ``canvas_label`` counts what the view holds, so it is a function of the two counts
    (the caller's plural forms and number format)."""

    kinds: Mapping[str, str] = field(default_factory=dict)
    relationships: Mapping[str, str] = field(default_factory=dict)
    legend: str = "Legend"
    command_edge: str = "Chain of command or perpetration"
    fact_edge: str = "Other relationship"
    list_summary: str = "The same network as a list"
    nodes_heading: str = "Nodes"
    relationships_heading: str = "Relationships"
    canvas_label: Callable[[int, int], str] = describe_canvas
    #: Words for the visibility states, when nodes are coloured by them.
    states: Mapping[str, str] = field(default_factory=dict)
    #: The legend's heading over its checkboxes, and what the controls around the canvas say.
    filter_legend: str = "untick a type to hide it"
    find: str = "Find in this network"
    fit: str = "Fit to view"
    reset: str = "Reset view"
    expand_groups: str = "Ungroup all"
    #: A group node's label and tooltip: f(kind label, count), f(kind label, count).
    group_caption: Callable[[str, int], str] = lambda kind, count: f"{kind} ({count})"
    group_title: Callable[[str, int], str] = \
        lambda kind, count: f"{count} × {kind}, grouped: click to show them"
    #: What network.js says after a search, counted: {CLDR plural category: text with {count}}.
    matches: Mapping[str, str] = field(default_factory=lambda: {
        "one": "{count} node matches.", "other": "{count} nodes match."})
    no_match: str = "No node of this view matches."


def node_kind(labels: Sequence[str]) -> str:
    """The kind a node is drawn as: its most specific label of ``KIND_ORDER``."""
    return next((k for k in KIND_ORDER if k in labels), "Person" if "Person" in labels else "Source")


def _truncate(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def neighbours(graph: Mapping) -> dict[str, set[str]]:
    """Each node's distinct neighbours (either direction; relationships to nodes not in
    ``graph`` ignored): the degree that decides leaves, hubs and labels."""
    out: dict[str, set[str]] = {n["uid"]: set() for n in graph["nodes"]}
    for r in graph["relationships"]:
        a, b = r["from"], r["to"]
        if a in out and b in out and a != b:
            out[a].add(b)
            out[b].add(a)
    return out


def group_leaves(graph: Mapping, threshold: int = GROUP_THRESHOLD,
                 keep: Sequence[str] = ()) -> tuple[dict, list[dict]]:
    """``graph`` with the leaves (one distinct neighbour) of one kind on one node, when there
    are more than ``threshold`` of them, taken out and described as groups.

    Returns the graph left to draw and the groups, each ``{"id", "parent", "kind",
    "members": [node, ...], "relationships": [relationship, ...]}`` with the members'
    nodes and relationships as ``graph`` has them, ordered by caption: a group is made of
    the view's own data only, nothing is fetched for it. ``keep`` (the focus, a path, a
    chain) is never grouped.
    """
    links = neighbours(graph)
    kept = set(keep)
    by_uid = {n["uid"]: n for n in graph["nodes"]}
    buckets: dict[tuple[str, str], list[str]] = {}
    for uid, near in links.items():
        if len(near) != 1 or uid in kept:
            continue
        parent = next(iter(near))
        buckets.setdefault((parent, node_kind(by_uid[uid]["labels"])), []).append(uid)
    groups, grouped = [], set()
    for (parent, kind), members in sorted(buckets.items()):
        if len(members) <= threshold:
            continue
        members.sort(key=lambda u: (str(by_uid[u].get("caption") or u), u))
        member_set = set(members)
        groups.append({
            "id": f"{GROUP_PREFIX}{kind}:{parent}", "parent": parent, "kind": kind,
            "members": [by_uid[u] for u in members],
            "relationships": [r for r in graph["relationships"]
                              if r["from"] in member_set or r["to"] in member_set]})
        grouped |= member_set
    drawn = {"nodes": [n for n in graph["nodes"] if n["uid"] not in grouped],
             "relationships": [r for r in graph["relationships"]
                               if r["from"] not in grouped and r["to"] not in grouped]}
    return drawn, groups


def label_scale(degree: int, hub_degree: int = HUB_DEGREE) -> float:
    """The zoom scale from which a node of ``degree`` distinct neighbours has its label drawn:
    0 (always) for hubs, then later the fewer neighbours a node has, so a zoomed-out view
    names its hubs only and zooming in names the rest."""
    if degree >= hub_degree:
        return 0.0
    if degree >= 3:
        return 0.6
    if degree == 2:
        return 0.85
    return 1.0


def draw_threshold(scale: float, font_size: int = FONT_SIZE) -> float:
    """vis-network's ``scaling.label.drawThreshold`` that draws a label from zoom ``scale`` on:
    vis-network skips a label while font size x scale < drawThreshold - 1."""
    return 0.0 if scale <= 0 else round(1 + font_size * scale, 2)


def kind_counts(graph: Mapping) -> dict[str, int]:
    """How many nodes of each kind ``graph`` holds (grouped ones included), in legend order."""
    counts: dict[str, int] = {}
    for n in graph["nodes"]:
        kind = node_kind(n["labels"])
        counts[kind] = counts.get(kind, 0) + 1
    return {k: counts[k] for k in KIND_ORDER if k in counts}


def layout(graph: Mapping, seed: int = 1, scale: float = 900.0) -> dict[str, tuple[float, float]]:
    """Positions ``{uid: (x, y)}`` in pixels for every node of ``graph``.

    A force-directed (Fruchterman-Reingold) layout of the nodes with more than
    one neighbour, then each leaf on a ring around its one neighbour: star-shaped
    neighbourhoods stay readable and the costly part only sees the core.
    """
    g = nx.Graph()
    g.add_nodes_from(n["uid"] for n in graph["nodes"])
    g.add_edges_from((r["from"], r["to"]) for r in graph["relationships"]
                     if r["from"] in g and r["to"] in g)
    if len(g) == 0:
        return {}
    leaves = {n for n in g if g.degree(n) == 1}
    core = g.subgraph(n for n in g if n not in leaves)
    if len(core) == 0:
        core, leaves = g.subgraph(next(iter(g))), leaves - {next(iter(g))}
    if len(core) < 500:  # networkx needs scipy for its sparse variant above that
        raw = nx.spring_layout(core, seed=seed, iterations=40)
    else:
        raw = nx.circular_layout(core)
    pos = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}
    spread = scale / max(4.0, math.sqrt(len(core)))
    children: dict[str, list[str]] = {}
    for leaf in sorted(leaves):
        parent = next(iter(g.neighbors(leaf)))
        children.setdefault(parent, []).append(leaf)
    for parent, kids in children.items():
        px, py = pos.get(parent, (0.0, 0.0))
        radius = max(60.0, min(spread, 18.0 * len(kids) / math.pi))
        for i, kid in enumerate(kids):
            angle = 2 * math.pi * i / len(kids)
            pos[kid] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
    for n in g:  # isolated nodes
        if n not in pos:
            pos[n] = (0.0, 0.0)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def options(large: bool) -> dict:
    """vis-network options: physics with stabilisation for small views, none for large ones."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 1},
        "physics": ({"enabled": False} if large else {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 250, "fit": True}}),
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": large, "multiselect": False},
        "nodes": {"font": {"size": FONT_SIZE, "face": "system-ui, 'Noto Sans CJK KR', sans-serif",
                           "color": "#1a1a1a", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "size": 14, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": False if large else {"type": "continuous"},
                  "font": {"size": 10, "align": "middle", "color": "#333333",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "width": 1},
    }


def _node(n: Mapping, labels: NetworkLabels, *, profile_url: str, focus: str | None,
          marked: set[str], states: Mapping[str, str] | None, scale: float) -> dict:
    """One record as a vis-network node: shape and colour by kind (or by visibility), size and
    border by role in the view, its label drawn from zoom ``scale`` on (``draw_threshold``)."""
    kind = node_kind(n["labels"])
    shape, colour = NODE_STYLES[kind]
    caption = str(n.get("caption") or n["uid"])
    state = (states or {}).get(n["uid"])
    if state in STATE_COLOURS:
        colour = STATE_COLOURS[state]
    size = 22 if n["uid"] == focus else 18 if n["uid"] in marked else 13
    return {"id": n["uid"], "label": _truncate(caption), "shape": shape, "color": colour,
            "title": f"{labels.kinds.get(kind, kind)}: {caption}"
            + (f" ({labels.states.get(state, state)})" if state else ""), "size": size,
            "borderWidth": 3 if n["uid"] in marked or n["uid"] == focus else 1,
            "url": profile_url.format(uid=n["uid"]), "kind": kind, "caption": caption,
            "labelScale": scale, "scaling": {"label": {"drawThreshold": draw_threshold(scale)}}}


def _edge(r: Mapping, labels: NetworkLabels, *, large: bool, marked: set[str]) -> dict:
    text = labels.relationships.get(r["type"], r["type"])
    relation = (r.get("properties") or {}).get("relation")
    colour = EDGE_COLOURS["command" if r["type"] in COMMAND_TYPES else "fact"]
    return {"id": r["id"], "title": text + (f" ({relation})" if relation else ""),
            "label": None if large else text, "color": colour, "relType": r["type"],
            "width": 3 if r["from"] in marked and r["to"] in marked else 1}


def build(graph: Mapping, labels: NetworkLabels, *, profile_url: str = "/entity/{uid}",
          large_threshold: int = LARGE, focus: str | None = None,
          highlight: Sequence[str] = (), states: Mapping[str, str] | None = None,
          group_threshold: int | None = GROUP_THRESHOLD, hub_degree: int = HUB_DEGREE) -> Network:
    """A pyvis Network of ``graph``: styled nodes (shape and colour by kind), labelled edges,
    positions for large graphs. ``highlight`` uids (a path, a chain) are drawn larger.
    ``states`` (uid -> a key of ``STATE_COLOURS``) colours nodes by visibility instead.

    Leaves past ``group_threshold`` (None: never) are drawn as group nodes
    (``group_leaves``) that carry their members' nodes and edges (``members``,
    ``memberEdges``), styled like the rest, for network.js to put in their place.
    Whether the view is large, and its layout, go by the nodes drawn."""
    marked = set(highlight)
    keep = marked | ({focus} if focus else set())
    drawn, groups = (group_leaves(graph, group_threshold, sorted(keep))
                     if group_threshold is not None else (graph, []))
    degree = {uid: len(near) for uid, near in neighbours(graph).items()}
    large = len(drawn["nodes"]) + len(groups) > large_threshold
    net = Network(height="100%", width="100%", directed=True)
    shown = {"nodes": drawn["nodes"] + [
        {"uid": grp["id"], "labels": [grp["kind"]]} for grp in groups],
        "relationships": drawn["relationships"] + [
        {"from": grp["parent"], "to": grp["id"]} for grp in groups]}
    positions = layout(shown) if large else {}

    def node(n: Mapping) -> dict:
        scale = 0.0 if n["uid"] in keep else label_scale(degree.get(n["uid"], 0), hub_degree)
        return _node(n, labels, profile_url=profile_url, focus=focus, marked=marked,
                     states=states, scale=scale)

    for n in drawn["nodes"]:
        spec = node(n)
        if n["uid"] in positions:
            spec["x"], spec["y"] = positions[n["uid"]]
        net.add_node(spec.pop("id"), **spec)
    for grp in groups:
        kind = grp["kind"]
        shape, colour = NODE_STYLES[kind]
        kind_label, count = labels.kinds.get(kind, kind), len(grp["members"])
        types = sorted({r["type"] for r in grp["relationships"]})
        extra = dict(zip(("x", "y"), positions[grp["id"]], strict=True)) \
            if grp["id"] in positions else {}
        net.add_node(grp["id"], label=labels.group_caption(kind_label, count), shape=shape,
                     color=colour if states is None else NEUTRAL,
                     title=labels.group_title(kind_label, count), size=20, borderWidth=3,
                     shapeProperties={"borderDashes": [4, 3]}, kind=kind, group_of=grp["parent"],
                     count=count, caption=labels.group_caption(kind_label, count),
                     labelScale=0.0, scaling={"label": {"drawThreshold": 0.0}},
                     members=[node(m) for m in grp["members"]],
                     memberEdges=[{"from": r["from"], "to": r["to"],
                                   **_edge(r, labels, large=large, marked=marked)}
                                  for r in grp["relationships"]], **extra)
        net.add_edge(grp["parent"], grp["id"], id=f"{grp['id']}:edge", dashes=True, arrows="",
                     title=", ".join(labels.relationships.get(t, t) for t in types),
                     color=EDGE_COLOURS["command" if set(types) <= COMMAND_TYPES else "fact"],
                     relType=types[0] if len(types) == 1 else None, width=1)
    known = set(net.get_nodes())
    for r in drawn["relationships"]:
        if r["from"] not in known or r["to"] not in known:
            continue
        net.add_edge(r["from"], r["to"], **_edge(r, labels, large=large, marked=marked))
    net.options = options(large)  # a dict: get_network_data() serialises it as it is
    return net


def legend(labels: NetworkLabels, kinds: Sequence[str] | None = None,
           states: Sequence[str] | None = None,
           counts: Mapping[str, int] | None = None) -> list[dict]:
    """Legend entries ``{"kind", "label", "shape", "colour", "svg", "count", "absent"}`` for
    the node kinds shown (all kinds when ``kinds`` is None); ``svg`` is a small swatch of the
    shape, ``count`` how many nodes of the kind the view holds (``counts``; None when not
    given) and ``absent`` whether it holds none (its entry is hidden until one is added).
    Kind entries are the node-type filter's checkboxes (``"filter": True``). With
    ``states`` (a view coloured by visibility) the kinds' shapes are drawn in one neutral
    colour and each state shown gets an entry of its colour (not a filter)."""
    shown = [k for k in KIND_ORDER if kinds is None or k in kinds]
    colour = (lambda k: NODE_STYLES[k][1]) if states is None else (lambda k: NEUTRAL)
    out = [{"kind": k, "label": labels.kinds.get(k, k), "shape": NODE_STYLES[k][0],
            "colour": colour(k), "svg": swatch(NODE_STYLES[k][0], colour(k)),
            "count": None if counts is None else counts.get(k, 0),
            "absent": counts is not None and not counts.get(k), "filter": True}
           for k in shown]
    if states is None:
        return out
    out += [{"kind": s, "label": labels.states.get(s, s), "shape": "dot", "filter": False,
             "count": None,
             "colour": STATE_COLOURS[s], "svg": swatch("dot", STATE_COLOURS[s])}
            for s in STATE_COLOURS if s in states]
    return out


def swatch(shape: str, colour: str, size: int = 16) -> str:
    """A small SVG of a vis-network node shape, for legends (presentation attributes only)."""
    h = size / 2
    body = {
        "dot": f'<circle cx="{h}" cy="{h}" r="{h - 2}"/>',
        "square": f'<rect x="2" y="2" width="{size - 4}" height="{size - 4}"/>',
        "diamond": f'<polygon points="{h},1 {size - 1},{h} {h},{size - 1} 1,{h}"/>',
        "triangle": f'<polygon points="{h},1 {size - 1},{size - 2} 1,{size - 2}"/>',
        "triangleDown": f'<polygon points="1,2 {size - 1},2 {h},{size - 1}"/>',
        "star": _star(h, h, h - 1, (h - 1) / 2.3),
        "hexagon": _hexagon(h, h, h - 1),
    }[shape]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false" fill="{colour}">'
            f"{body}</svg>")


def _star(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + r * math.cos(a):.1f},{cy + r * math.sin(a):.1f}")
    return f'<polygon points="{" ".join(points)}"/>'


def _hexagon(cx: float, cy: float, r: float) -> str:
    points = [f"{cx + r * math.cos(math.pi / 3 * i):.1f},{cy + r * math.sin(math.pi / 3 * i):.1f}"
              for i in range(6)]
    return f'<polygon points="{" ".join(points)}"/>'


def view_data(labels: NetworkLabels, **extra) -> dict:
    """What network.js needs besides pyvis's nodes, edges and options: the styles and labels
    used to draw nodes fetched later (expanding a node) the same way."""
    return {
        "styles": {k: {"shape": s, "color": c} for k, (s, c) in NODE_STYLES.items()},
        "kindOrder": list(KIND_ORDER), "kindLabels": dict(labels.kinds),
        "relLabels": dict(labels.relationships), "commandTypes": sorted(COMMAND_TYPES),
        "edgeColours": EDGE_COLOURS, "fontSize": FONT_SIZE,
        "strings": {"matches": dict(labels.matches), "noMatch": labels.no_match}, **extra,
    }


@dataclass(frozen=True)
class _Bound:
    """Our template with the view's own values, rendered by pyvis with the network's."""

    template: Template
    view: Mapping

    def render(self, **network) -> str:
        return self.template.render({**network, **self.view})


@dataclass(frozen=True)
class _ViewTemplates:
    """Where pyvis's ``generate_html`` gets its template (``templateEnv.get_template``): from
    our autoescaping environment, not pyvis's (which escapes nothing), with the legend, the
    labels and the text alternative bound to it -- pyvis passes only the network's data."""

    view: Mapping

    def get_template(self, name: str) -> _Bound:
        return _Bound(_env.get_template(name), self.view)


def render(net: Network, view: Mapping) -> str:
    """The HTML of ``net``, rendered by pyvis through our template with ``view`` added."""
    net.templateEnv, net.path = _ViewTemplates(view), TEMPLATE
    return net.generate_html(name=TEMPLATE)


def network_html(graph: Mapping, labels: NetworkLabels, *, element_id: str = "network",
                 profile_url: str = "/entity/{uid}", expand_url: str | None = None,
                 large_threshold: int = LARGE, focus: str | None = None,
                 highlight: Sequence[str] = (), size: str = "large", standalone: bool = False,
                 lang: str = "en", title: str = "", states: Mapping[str, str] | None = None,
                 group_threshold: int | None = GROUP_THRESHOLD,
                 hub_degree: int = HUB_DEGREE) -> str:
    """The HTML of an interactive network view of ``graph``.

    A fragment for embedding in a page (which must load ``VIS_JS`` and
    ``NETWORK_JS``), or with ``standalone`` a whole document that loads them
    itself. ``expand_url`` (e.g. ``/api/v1/graphs/neighbourhood/{uid}?lang=en``)
    lets a click on a node fetch and add its neighbours; ``states`` colours the nodes by
    visibility (``STATE_COLOURS``; the workspace's views); ``size`` is ``small``
    (a profile's inset) or ``large`` (the explorer); ``group_threshold`` and
    ``hub_degree`` decide grouping and labels (``build``). Around the canvas: a legend
    whose entries, with their counts, are the checkboxes of a node-type filter, a search
    that highlights the matching nodes, and fit, reset and ungroup buttons (network.js
    enables them). The fragment also lists every node and relationship as text, grouped
    ones included, for screen readers and for visitors without JavaScript.
    """
    net = build(graph, labels, profile_url=profile_url, large_threshold=large_threshold,
                focus=focus, highlight=highlight, states=states,
                group_threshold=group_threshold, hub_degree=hub_degree)
    listed = [_node(n, labels, profile_url=profile_url, focus=None, marked=set(), states=states,
                    scale=0.0) for n in graph["nodes"]]
    names = {n["id"]: n["title"].split(": ", 1)[-1] for n in listed}
    rows = [{"from": names[r["from"]], "to": names[r["to"]],
             "type": _edge(r, labels, large=True, marked=set())["title"]}
            for r in graph["relationships"] if r["from"] in names and r["to"] in names]
    counts = kind_counts(graph)
    groups = sum(1 for n in net.nodes if "members" in n)
    return render(net, {
        "view": view_data(labels, expandUrl=expand_url, focus=focus, elementId=element_id),
        "element_id": element_id, "labels": labels, "rows": rows, "listed": listed,
        # A view that grows (expand_url: a click adds a node's neighbours) lists every kind,
        # those it does not hold yet hidden until one arrives (network.js shows them).
        "legend": legend(labels, None if expand_url else set(counts),
                         None if states is None else set(states.values()), counts=counts),
        "groups": groups, "size": size, "standalone": standalone, "vis_js": VIS_JS,
        "network_js": NETWORK_JS, "site_js": SITE_JS, "lang": lang, "title": title,
        "edge_colours": EDGE_COLOURS})
