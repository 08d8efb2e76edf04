"""The network explorer: a neighbourhood, a path between two records, or a victim's chain
of responsibility, drawn interactively.

The page is a GET form, so every view has a URL that can be shared. The first
drawing comes with the page (``service.public.graphs`` through
``visualizations.network``); /static/js/network.js then expands a node on
click by fetching its neighbours from ``/api/v1/graphs/neighbourhood/<uid>``
with the same relationship types and dates. Each record field takes a uid or a
name (``service.public.resolve``): a name of one public record is that record, a
name of several gives a "did you mean" list of links, one of none (or a uid that
is not public) is answered with "not found" and is not echoed back.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from service.pages import present
from service.pages.blueprint import blp
from service.pages.find import kind_title
from service.pages.lang import plural_forms
from service.public import graphs
from service.public import search as public_search
from service.public.resolve import Ambiguous, resolve
from visualizations.network import network_html

DEFAULT_LIMIT = 150
#: The record fields of the tools, and the kinds each accepts (None: any).
RECORD_FIELDS = {"focus": None, "path_from": None, "path_to": None, "chain": ("victims",)}
EXPAND_LIMIT = 60
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(request.args.get(name, default)), low), high)
    except ValueError:
        return default


def _uid(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value if value and len(value) <= 200 else None


def read_state() -> dict:
    types = [x for x in request.args.getlist("types") if x in graphs.REL_TYPES]
    dates = {k: request.args.get(k, "").strip() for k in ("date_from", "date_to")}
    dates = {k: v if _DATE.match(v) else None for k, v in dates.items()}
    if dates["date_from"] and dates["date_to"] and dates["date_from"] > dates["date_to"]:
        dates["date_from"], dates["date_to"] = dates["date_to"], dates["date_from"]
    return {"focus": _uid("focus"), "hops": _int("hops", 1, 1, graphs.MAX_HOPS),
            "limit": _int("limit", DEFAULT_LIMIT, 10, graphs.MAX_NODES), "types": types,
            "path_from": _uid("path_from"), "path_to": _uid("path_to"),
            "k": _int("k", 1, 1, 5), "chain": _uid("chain"), **dates}


def expand_url(state: dict, lang: str) -> str:
    """The API URL network.js fetches to expand a node (``{uid}`` is replaced there)."""
    params = [("hops", 1), ("limit", EXPAND_LIMIT), ("lang", lang)]
    params += [("types", x) for x in state["types"]]
    params += [(k, state[k]) for k in ("date_from", "date_to") if state[k]]
    return "/api/v1/graphs/neighbourhood/{uid}?" + urlencode(params)


def default_focus(lang: str) -> str | None:
    """Without a focus: the first public victim, so the page never opens empty."""
    items = public_search.search(None, {}, 1, 1, lang, entities=False)["items"]
    return items[0]["uid"] if items else None


def _draw(state: dict, lang: str) -> dict:
    """The graph to draw and what the page says about it."""
    types = state["types"] or None
    if state["path_from"] and state["path_to"]:
        result = graphs.shortest_paths(state["path_from"], state["path_to"], state["k"], types,
                                       lang=lang)
        captions = {n["uid"]: n["caption"] for n in result["nodes"]}
        return {"mode": "path", "graph": result, "focus": state["path_from"],
                "highlight": [u for p in result["paths"] for u in p["nodes"]],
                "paths": [[captions[u] for u in p["nodes"]] for p in result["paths"]]}
    if state["chain"]:
        result = graphs.chain_of_responsibility(state["chain"], state["date_from"],
                                                state["date_to"], lang)
        captions = {n["uid"]: n["caption"] for n in result["nodes"]}
        chains = [{"event": captions.get(c["event"], c["event"]),
                   "links": [captions.get(u, u) for u in c["chain"]]} for c in result["chains"]]
        return {"mode": "chain", "graph": result, "focus": state["chain"],
                "highlight": [u for c in result["chains"] for u in c["chain"]], "chains": chains}
    focus, hops = state["focus"], state["hops"]
    if focus is None:
        focus, hops = default_focus(lang), max(hops, 2)
    if focus is None:
        return {"mode": "empty", "graph": {"nodes": [], "relationships": []}, "focus": None,
                "highlight": []}
    result = graphs.neighbourhood(focus, hops, types, state["limit"],
                                  state["date_from"], state["date_to"], lang)
    return {"mode": "neighbourhood", "graph": result, "focus": focus, "highlight": [],
            "truncated": result.get("truncated")}


def explorer_strings() -> dict:
    """What network.js says when it expands a node, in the page's language (``expanded``:
    plural forms, see ``service.pages.lang.plural_forms``)."""
    return {"expanding": _("Loading neighbours…"),
            "expanded": plural_forms(lambda n: ngettext("%(count)s node added.",
                                                        "%(count)s nodes added.", n,
                                                        count="{count}")),
            "expand_failed": _("The neighbours could not be loaded."),
            "nothing_new": _("No further public neighbours.")}


def resolve_fields(state: dict, lang: str) -> tuple[dict, dict]:
    """``state`` with the names in its record fields replaced by uids, and, per field whose
    name fits several public records, the candidates as links to the same view with that
    field set to each one's uid. Raises ``graphs.NotFound``."""
    resolved, choices = dict(state), {}
    for field, kinds in RECORD_FIELDS.items():
        if not state[field]:
            continue
        try:
            resolved[field] = resolve(state[field], kinds, lang)
        except Ambiguous as exc:
            args = request.args.to_dict(flat=False)
            choices[field] = [{"caption": c["caption"], "kind": kind_title(c["kind"]),
                               "uid": c["uid"], "matched": c["matched"],
                               "url": url_for("pages.network", **{**args, field: c["uid"]})}
                              for c in exc.candidates]
    return resolved, choices


@blp.route("/network")
def network():
    lang = g.lang
    state = read_state()
    try:
        state, ambiguous = resolve_fields(state, lang)
        if ambiguous:
            view = {"mode": "choose", "graph": {"nodes": [], "relationships": []},
                    "focus": None, "highlight": [], "choices": ambiguous}
        else:
            view = _draw(state, lang)
        error = None
    except graphs.NotFound:
        view = {"mode": "not_found", "graph": {"nodes": [], "relationships": []}, "focus": None,
                "highlight": []}
        error = _("No public record has this identifier.")
        g.no_echo = True
        state = {**state, "focus": None, "path_from": None, "path_to": None, "chain": None}
    graph = view["graph"]
    html = network_html(graph, present.network_labels(lang), element_id="explorer-network",
                        expand_url=expand_url(state, lang), focus=view["focus"],
                        highlight=view["highlight"], size="large", lang=lang) \
        if graph["nodes"] else None
    focus_node = next((n for n in graph["nodes"] if n["uid"] == view["focus"]), None)
    return render_template(
        "network.html", state=state, view=view, network=html, error=error,
        focus_node=focus_node, rel_types=graphs.REL_TYPES,
        default_types=set(graphs.DEFAULT_TYPES), strings=explorer_strings(), choices=sorted(
            ({"uid": n["uid"], "caption": n["caption"]} for n in graph["nodes"]),
            key=lambda c: c["caption"]))
