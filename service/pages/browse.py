"""Browse: every public record of one kind, by name, a page at a time.

The search page is about victims; this is the way to every other kind of
record (perpetrator bodies, places, events, proceedings, instruments, law,
sources, organisations) and so to their profiles. Lists come from
``service.public.entities.list_entities``.
"""

from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from flask_babel import lazy_gettext

from graph.vocabularies import choices, label
from service.pages.blueprint import blp
from service.public import entities

PER_PAGE = 50
KINDS = tuple(entities.KINDS)
#: Each kind's title (its tab and its page's heading).
TITLES = {"victims": lazy_gettext("Victims"), "officials": lazy_gettext("Officials"),
          "perpetrators": lazy_gettext("Perpetrator bodies"), "locations": lazy_gettext("Places"),
          "events": lazy_gettext("Events"), "proceedings": lazy_gettext("Proceedings"),
          "instruments": lazy_gettext("Instruments"),
          "resources": lazy_gettext("North Korean laws and documents"),
          "sources": lazy_gettext("Sources"), "documents": lazy_gettext("Documents"),
          "organizations": lazy_gettext("Organisations")}
#: A coded field shown beside each name, per kind.
DETAIL = {"victims": ("category", "victim_category"), "perpetrators": ("perpetrator", "perpetrator"),
          "locations": ("kind", "location_kind"), "events": ("kind", "event_kind"),
          "proceedings": ("forum", "forum"), "instruments": ("kind", "instrument_kind"),
          "resources": ("kind", "resource_kind"), "sources": ("kind", "source_kind"),
          "documents": ("kind", "document_kind"),
          "organizations": ("kind", "organization_kind"), "officials": ("status", "status")}


@blp.route("/browse")
def browse_index():
    return render_template("browse.html", kind=None, titles=titles(), listing=None, chosen_filter=None)


@blp.route("/browse/<kind>")
def browse(kind: str):
    if kind not in entities.KINDS:
        abort(404)
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    field, vocabulary = DETAIL[kind]
    # The detail field is also a filter (?perpetrator=mss): a dashboard chart's bar leads
    # to the list it counts. A value outside the vocabulary is ignored, as on /search.
    chosen = request.args.get(field)
    chosen = chosen if chosen in choices(vocabulary) else None
    listing = entities.list_entities(kind, filters={field: chosen} if chosen else None,
                                     page=page, per_page=PER_PAGE, lang=g.lang)
    for item in listing["items"]:
        value = item["properties"].get(field)
        item["detail"] = label(vocabulary, value, g.lang) if value else None
    keep = {field: chosen} if chosen else {}
    last = max(1, -(-listing["total"] // PER_PAGE))
    pager = {"page": page, "last": last,
             "prev": url_for("pages.browse", kind=kind, page=page - 1, **keep) if page > 1 else None,
             "next": url_for("pages.browse", kind=kind, page=page + 1, **keep)
             if page < last else None,
             "links": [{"n": n, "url": url_for("pages.browse", kind=kind, page=n, **keep),
                        "current": n == page}
                       for n in sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})]}
    chosen_filter = {"label": label(vocabulary, chosen, g.lang),
              "remove": url_for("pages.browse", kind=kind)} if chosen else None
    return render_template("browse.html", kind=kind, titles=titles(), listing=listing,
                           pager=pager, chosen_filter=chosen_filter)


def titles() -> dict[str, str]:
    return {kind: str(TITLES[kind]) for kind in KINDS}
