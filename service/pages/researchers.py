"""Researchers: the Cypher console page and the downloads page.

The console page itself holds no data: its script posts the query to
``/api/v1/cypher`` with the researcher's bearer token (pasted by the
researcher, kept in sessionStorage for the tab only, never in a cookie), and
shows the API's answer or its error. The downloads page lists the streamed
exports of ``/api/v1/downloads``.
"""

from __future__ import annotations

import math

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext

from service.pages.blueprint import blp
from service.pages.examples import EXAMPLES, TITLES
from service.pages.lang import plural_forms
from service.public import console
from service.public.downloads import CSV_TABLES

#: Bulk formats of /api/v1/downloads, in the order the page lists them, and what each is.
BULK = {
    "graph.jsonl": ("/api/v1/downloads/graph.jsonl", lazy_gettext(
        "JSON Lines in the Footprints interchange format (loads with footprints load)")),
    "csv.zip": ("/api/v1/downloads/csv.zip", lazy_gettext("Every CSV table in one zip archive")),
    "graph.graphml": ("/api/v1/downloads/graph.graphml",
                      lazy_gettext("GraphML, for Gephi, yEd or Cytoscape")),
}
#: What each CSV table of ``CSV_TABLES`` holds.
TABLE_TITLES = {
    "persons": lazy_gettext("people"), "perpetrators": lazy_gettext("perpetrator bodies"),
    "locations": lazy_gettext("places"), "events": lazy_gettext("events"),
    "proceedings": lazy_gettext("proceedings"), "instruments": lazy_gettext("instruments"),
    "resources": lazy_gettext("North Korean laws and documents"),
    "sources": lazy_gettext("sources"), "organizations": lazy_gettext("organisations"),
    "relationships": lazy_gettext("every relationship (type, from, to, properties)"),
}


def console_strings() -> dict:
    """What console.js says, in the page's language (``rows``: plural forms, see
    ``service.pages.lang.plural_forms``; an error's text is keyed by the HTTP status)."""
    return {
        "running": _("Running…"),
        "rows": plural_forms(lambda n: ngettext("%(count)s row.", "%(count)s rows.", n,
                                                count="{count}")),
        "truncated": _("The result was cut at the limit."),
        "no_rows": _("The query returned no rows."),
        "error_400": _("The query was refused."),
        "error_401": _("Not signed in (or the session ended): sign in again."),
        "error_403": _("This account may not use the console."),
        "error_409": _("Your previous query is still running: one at a time."),
        "error_422": _("The request was not valid."),
        "error_429": _("Too many queries: wait a moment and try again."),
        "error_503": _("The console is busy: try again in a few seconds."),
        "error_network": _("The server could not be reached."),
        "error_other": _("The query failed."),
        "sign_in_needed": _("Sign in as a researcher to run queries."),
    }


@blp.route("/researchers")
def researchers():
    return redirect(url_for("pages.console_page"))


@blp.route("/researchers/console")
def console_page():
    examples = [{"key": key, "title": str(TITLES[key]), "query": query}
                for key, query in EXAMPLES.items()]
    # whole seconds: a count the plural forms can agree with
    return render_template("console.html", examples=examples, strings=console_strings(),
                           limits={"rows": console.MAX_ROWS,
                                   "timeout": math.ceil(console.TIMEOUT_S)})


@blp.route("/researchers/downloads")
def downloads_page():
    tables = [{"name": name, "url": f"/api/v1/downloads/csv/{name}.csv",
               "title": str(TABLE_TITLES[name])} for name in CSV_TABLES]
    bulk = [{"name": name, "url": url, "title": str(title)} for name, (url, title) in BULK.items()]
    return render_template("downloads.html", bulk=bulk, tables=tables)
