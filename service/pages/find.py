"""The pages' side of finding a record by name: the search page's grouped results over
every kind of record (``service.public.find``), what the type-ahead script
(``static/js/find.js``) says, and the "did you mean" list of the graph tools when a
name fits several records (``service.public.resolve``).

The search page's own state (keyword, victim facets) stays in ``service.pages.search``;
this module only adds ``kind`` (the kind whose page is shown) and ``kpage``.
"""

from __future__ import annotations

from flask import g, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext

from service.pages.blueprint import blp
from service.pages.browse import TITLES
from service.pages.lang import plural_forms
from service.public import find

#: Each kind's heading (browse's titles, plus the people who are neither victim nor official).
KIND_TITLES = {**TITLES, "people": lazy_gettext("Other people")}
PER_PAGE = 20


def kind_title(kind: str) -> str:
    return str(KIND_TITLES[kind])


def _page() -> int:
    try:
        return min(max(int(request.args.get("kpage", 1)), 1), 10_000)
    except ValueError:
        return 1


def grouped(q: str, args: dict) -> dict | None:
    """The search page's results of every kind for ``q`` (None without a keyword): the
    counts as links that show one kind (``kind=``), and the groups of hits. ``args`` are
    the page's other URL parameters, kept in every link."""
    if not q:
        return None
    kind = request.args.get("kind")
    kind = kind if kind in find.KINDS else None
    page = _page() if kind else 1
    result = find.find(q, kind, page, PER_PAGE, g.lang)

    def url(**changes) -> str:
        params = {k: v for k, v in {**args, **changes}.items() if v is not None}
        return url_for("pages.search", **params) + "#find-heading"

    counts = [{"kind": c["kind"], "title": kind_title(c["kind"]), "count": c["count"],
               "url": url(kind=c["kind"], kpage=None), "current": c["kind"] == kind}
              for c in result["counts"]]
    groups = []
    for group in result["groups"]:
        shown = page * PER_PAGE if kind else len(group["items"])
        groups.append({
            "kind": group["kind"], "title": kind_title(group["kind"]), "total": group["total"],
            "items": group["items"],
            "more": url(kind=group["kind"], kpage=None)
            if not kind and group["total"] > len(group["items"]) else None,
            "next": url(kind=kind, kpage=page + 1) if kind and group["total"] > shown else None,
            "prev": url(kind=kind, kpage=page - 1 if page > 2 else None) if kind and page > 1
            else None})
    return {"total": result["total"], "kind": kind, "counts": counts, "groups": groups,
            "all_url": url(kind=None, kpage=None) if kind else None}


@blp.app_template_global("find_strings")
def find_strings() -> dict:
    """What find.js says, in the page's language (its counts in plural forms)."""
    return {"suggestions": plural_forms(lambda n: ngettext(
                "%(count)s suggestion", "%(count)s suggestions", n, count="{count}")),
            "via": gettext("spelled %(spelling)s", spelling="{spelling}"),
            "matched": gettext("Matched")}
