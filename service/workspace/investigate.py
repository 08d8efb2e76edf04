"""The investigators' pages: the graph tools over the vault (chain of responsibility,
neighbourhood, shortest path), every node coloured by its visibility, and the case
boards of their organisation.

Thin views over ``service.vault.graphs`` and ``service.vault.boards``; records are chosen
by name through ``suggest.js`` (or typed as uids without JavaScript). Drawn with the
public site's network functions (``visualizations.network``) and its vendored
vis-network, without expanding nodes from the public API.
"""

from __future__ import annotations

import dataclasses

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from service.pages.present import network_labels
from service.stores import vault
from service.vault import boards, graphs
from service.vault.badges import STATES
from service.vault.reads import NotVisible
from service.workspace.blueprint import blp
from service.workspace.browse import badge_text
from service.workspace.guard import require, user
from visualizations.network import network_html

TOOLS = ("chain", "neighbourhood", "path")
MAX_UID = 200


def _arg(name: str) -> str:
    return request.args.get(name, "").strip()[:MAX_UID]


@blp.route("/workspace/network")
@require("investigator")
def network():
    """One graph tool at a time (``tool``), its inputs in the URL so a view can be shared
    with a colleague of the same organisation (who sees what they may see)."""
    stores, me = vault(), user()
    tool = request.args.get("tool", "")
    form = {k: _arg(k) for k in ("victim", "uid", "from", "to", "hops")}
    graph, error = None, None
    if tool and tool not in TOOLS:
        error = ("tool", _("choose one of the tools below"))
    try:
        if tool == "chain" and form["victim"]:
            graph = graphs.chain_of_responsibility(stores, me, form["victim"], lang=g.lang)
        elif tool == "neighbourhood" and form["uid"]:
            hops = int(form["hops"]) if form["hops"] in ("1", "2", "3") else 1
            graph = graphs.neighbourhood(stores, me, form["uid"], hops=hops, lang=g.lang)
        elif tool == "path" and form["from"] and form["to"]:
            graph = graphs.shortest_path(stores, me, form["from"], form["to"], lang=g.lang)
        elif tool in TOOLS:
            error = ("record", _("choose a record by name (or type its uid)"))
    except NotVisible as exc:
        graph, error = None, ("record", _("no record you may see has the uid %(uid)s",
                                          uid=repr(exc.uid))
                              if len(exc.uid) <= 60 else _("no record you may see has this uid"))
    html, highlight, status = None, [], 200 if error is None else 422
    if graph is not None and graph["nodes"]:
        highlight = sorted({u for c in graph.get("chains", []) for u in c["chain"]}
                           | {u for p in graph.get("paths", []) for u in p["nodes"]})
        labels = dataclasses.replace(network_labels(g.lang),
                                     states={s: badge_text(s) for s in STATES})
        html = network_html({"nodes": graph["nodes"], "relationships": graph["relationships"]},
                            labels, element_id="vault-network",
                            profile_url="/workspace/records/{uid}", focus=graph.get("start"),
                            highlight=highlight, states=graph["states"], size="large",
                            lang=g.lang)
    return render_template("workspace/network.html", tool=tool, form=form, graph=graph,
                           network=html, error=error,
                           boards=boards.list_boards(stores, me)), status


# -- case boards ---------------------------------------------------------------------

@blp.route("/workspace/boards")
@require("investigator")
def board_list():
    return render_template("workspace/boards.html", boards=boards.list_boards(vault(), user()),
                           error=None, form={})


@blp.route("/workspace/boards", methods=["POST"])
@require("investigator")
def board_create():
    stores, me = vault(), user()
    try:
        uid = boards.create_board(stores, me, request.form.get("title"),
                                  request.form.get("investigation"))
    except boards.BoardError as exc:
        return render_template("workspace/boards.html", boards=boards.list_boards(stores, me),
                               error=exc, form=request.form), 422
    return redirect(url_for("workspace.board", uid=uid), 303)


def _board_page(uid: str, status: int = 200, error=None, form=None):
    stores, me = vault(), user()
    try:
        board = boards.read_board(stores, me, uid, g.lang)
    except boards.BoardNotFound:
        abort(404)
    return render_template("workspace/board.html", board=board, error=error,
                           form=form or {}), status


@blp.route("/workspace/boards/<string:uid>")
@require("investigator")
def board(uid: str):
    return _board_page(uid)


def _board_write(uid: str, fn):
    """Run a board change; 404 for a board of another organisation, 422 with the field."""
    try:
        fn()
    except boards.BoardNotFound:
        abort(404)
    except boards.BoardError as exc:
        return _board_page(uid, 422, error=exc, form=request.form)
    return redirect(url_for("workspace.board", uid=uid), 303)


@blp.route("/workspace/boards/<string:uid>/pins", methods=["POST"])
@require("investigator")
def board_pin(uid: str):
    return _board_write(uid, lambda: boards.pin(vault(), user(), uid, request.form.get("record"),
                                                request.form.get("note")))


@blp.route("/workspace/boards/<string:uid>/pins/<string:record>/remove", methods=["POST"])
@require("investigator")
def board_unpin(uid: str, record: str):
    return _board_write(uid, lambda: boards.unpin(vault(), user(), uid, record))


@blp.route("/workspace/boards/<string:uid>/notes", methods=["POST"])
@require("investigator")
def board_note(uid: str):
    return _board_write(uid, lambda: boards.add_note(vault(), user(), uid,
                                                     request.form.get("text")))
