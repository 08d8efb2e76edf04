"""The researcher console, signed in: read-only Cypher over the public graph run as the
signed-in account (no token in the browser), with saved queries, the account's history,
results as a table and as a graph, and a result as CSV.

Queries run in the console's worker processes with the same limits, refusals and rate
limit as ``POST /api/v1/cypher`` (one code path: ``service.public.console_pool``), and
go into the account's history (``service.vault.console``). The page works without
JavaScript (the form posts here and the table is drawn on the server); the graph view
draws the result's nodes and relationships with the vendored vis-network.
"""

from __future__ import annotations

import math

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import format_number, ngettext
from flask_babel import gettext as _

from graph.messages import localized
from service.pages.examples import EXAMPLES, TITLES
from service.public import console as public_console
from service.public.console_csv import cell, to_csv
from service.public.console_pool import ConsoleBusy, app_pool
from service.ratelimit import rate_limit
from service.stores import vault
from service.vault import console as history
from service.vault.accounts import AccountError
from service.workspace import sessions
from service.workspace.blueprint import blp
from service.workspace.guard import require, user


def _account_key() -> str:
    found = sessions.signed_in_user()
    return f"user:{found.uid}" if found is not None else "anonymous"


def _page(status: int = 200, query: str | None = None, **extra):
    stores = vault()
    db = stores.database("vault")
    me = user()
    examples = [{"key": key, "query": text, "title": str(TITLES[key])}
                for key, text in EXAMPLES.items()]
    return render_template(
        "workspace/console.html", examples=examples,
        query=query if query is not None else examples[0]["query"],
        saved=history.saved(stores.vault, db, me.uid),
        runs=history.history(stores.vault, db, me.uid, 20),
        # whole seconds: a count the plural forms can agree with
        limits={"rows": public_console.MAX_ROWS, "timeout": math.ceil(public_console.TIMEOUT_S),
                "chars": public_console.MAX_QUERY_CHARS}, **extra), status


def _query() -> str:
    query = request.form.get("query", "")
    if not query.strip():
        abort(400, description=_("There is no query to run."))
    if len(query) > public_console.MAX_QUERY_CHARS:
        limit = public_console.MAX_QUERY_CHARS
        abort(400, description=ngettext("The query is longer than %(count)s character.",
                                        "The query is longer than %(count)s characters.",
                                        limit, count=format_number(limit)))
    return query


def _run(query: str) -> tuple[dict | None, str | None, int]:
    """(result, error message, status) of running ``query`` as the signed-in account."""
    me = user()
    stores = vault()
    try:
        result = app_pool().run(me.uid, query, {}, timeout=public_console.TIMEOUT_S,
                                lang=g.get("lang", "en"))
    except public_console.ConsoleRefusal as exc:
        history.record_run(stores.vault, stores.database("vault"), me.uid, query, None,
                           exc.reason)
        return None, _("Query refused (%(reason)s): %(message)s", reason=exc.reason,
                       message=localized(exc.message)), 400
    except ConsoleBusy as exc:
        return None, localized(exc.message), exc.status
    history.record_run(stores.vault, stores.database("vault"), me.uid, query,
                       len(result["rows"]), "truncated" if result["truncated"] else "ok")
    return result, None, 200


@blp.route("/workspace/console")
@require("researcher")
def console():
    chosen = request.args.get("saved")
    query = None
    if chosen:
        stores = vault()
        found = [s for s in history.saved(stores.vault, stores.database("vault"), user().uid)
                 if s["uid"] == chosen]
        query = found[0]["query"] if found else None
    return _page(query=query)


@blp.route("/workspace/console", methods=["POST"])
@require("researcher")
@rate_limit("cypher", _account_key)
def run():
    query = _query()
    result, error, status = _run(query)
    table = None
    if result is not None:
        table = [[cell(v) for v in row] for row in result["rows"]]
    return _page(status, query=query, result=result, table=table, error=error)


@blp.route("/workspace/console/result.csv", methods=["POST"])
@require("researcher")
@rate_limit("cypher", _account_key)
def result_csv():
    query = _query()
    result, error, status = _run(query)
    if result is None:
        return _page(status, query=query, error=error)
    return Response(to_csv(result["columns"], result["rows"]), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="console-result.csv"'})


@blp.route("/workspace/console/saved", methods=["POST"])
@require("researcher")
def save():
    stores = vault()
    query = request.form.get("query", "")
    try:
        history.save(stores.vault, stores.database("vault"), user().uid,
                     request.form.get("title", ""), query, public_console.MAX_QUERY_CHARS)
    except AccountError as exc:
        return _page(422, query=query, error=_("Not saved: the %(field)s: %(reason)s.",
                                               field=exc.field, reason=localized(exc.reason)))
    return redirect(url_for("workspace.console"))


@blp.route("/workspace/console/saved/<string:uid>/delete", methods=["POST"])
@require("researcher")
def delete_saved(uid: str):
    stores = vault()
    if not history.delete(stores.vault, stores.database("vault"), user().uid, uid):
        abort(404)
    return redirect(url_for("workspace.console"))
