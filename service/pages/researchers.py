"""Researchers: the Cypher console page and the downloads page.

The console page itself holds no data: its script posts the query to
``/api/v1/cypher`` with the researcher's bearer token (pasted by the
researcher, kept in sessionStorage for the tab only, never in a cookie), and
shows the API's answer or its error. The downloads page lists the streamed
exports of ``/api/v1/downloads``.
"""

from __future__ import annotations

from flask import g, redirect, render_template, url_for

from service.i18n import t
from service.pages.blueprint import blp
from service.pages.examples import EXAMPLES
from service.public import console
from service.public.downloads import CSV_TABLES

#: Bulk formats of /api/v1/downloads, in the order the page lists them.
BULK = (("graph.jsonl", "/api/v1/downloads/graph.jsonl"), ("csv.zip", "/api/v1/downloads/csv.zip"),
        ("graph.graphml", "/api/v1/downloads/graph.graphml"))
#: What network.js and console.js need to say, in the page's language.
CONSOLE_STRINGS = ("running", "rows", "truncated", "no_rows", "error_401", "error_403",
                   "error_400", "error_409", "error_429", "error_503", "error_network",
                   "error_other", "token_saved",
                   "token_cleared", "token_missing", "nodes", "relationships")


@blp.route("/researchers")
def researchers():
    return redirect(url_for("pages.console_page"))


@blp.route("/researchers/console")
def console_page():
    lang = g.lang
    examples = [{"key": key, "title": t(f"console.example.{key}", lang), "query": query}
                for key, query in EXAMPLES.items()]
    strings = {k: t(f"console.js.{k}", lang) for k in CONSOLE_STRINGS}
    return render_template("console.html", examples=examples, strings=strings,
                           limits={"rows": console.MAX_ROWS, "timeout": console.TIMEOUT_S})


@blp.route("/researchers/downloads")
def downloads_page():
    tables = [{"name": name, "url": f"/api/v1/downloads/csv/{name}.csv"} for name in CSV_TABLES]
    bulk = [{"name": name, "url": url} for name, url in BULK]
    return render_template("downloads.html", bulk=bulk, tables=tables)
