"""Vault search and browse, each record's page, and the name suggestions every workspace
form uses to choose a record (``service/static/js/suggest.js``).

Thin views over ``service.vault.browse`` and ``service.vault.detail``, which decide what
the user may see. For the readers of the vault (investigators, lawyers, and through the
role grants editors and admins); researchers read the public graph only (403).
"""

from __future__ import annotations

from flask import abort, g, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext

from graph.model import MODEL
from graph.vocabularies import label as vocab_label
from service.api.errors import error_body
from service.auth import VAULT_READERS, granted
from service.pages.lang import plural_forms
from service.pages.present import record_rows, relationship_heading
from service.stores import vault
from service.vault import boards, browse
from service.vault.badges import NAMES, STATES
from service.vault.detail import record_detail
from service.vault.reads import NotVisible
from service.workspace.blueprint import JSON_ENDPOINTS, blp
from service.workspace.guard import require, user

PER_PAGE = 20
MAX_PAGE = 10_000
JSON_ENDPOINTS.add("workspace.suggest")
#: The badges' names as messages of the catalogue: ``service.vault.badges.NAMES`` holds
#: them in English (the vault knows no language), and pages translate them by that name
#: (``badge_text`` here, ``_(name)`` in workspace/_case_macros.html).
BADGE_NAMES = {"public": lazy_gettext("Public"), "restricted": lazy_gettext("Restricted"),
               "confidential": lazy_gettext("Confidential"), "at_risk": lazy_gettext("At risk"),
               "withdrawn": lazy_gettext("Withdrawn"),
               "pending_review": lazy_gettext("Pending review")}


def suggest_strings() -> dict:
    """What suggest.js says, in the page's language (its count in plural forms)."""
    return {"suggestions": plural_forms(lambda n: ngettext(
        "%(count)s suggestion", "%(count)s suggestions", n, count="{count}"))}


blp.add_app_template_global(suggest_strings, "suggest_strings")


def badge_text(state: str) -> str:
    """The badge's words in the page's language (its state is in its class, for colour)."""
    return _(NAMES[state])


blp.add_app_template_global(badge_text, "badge_text")


@blp.route("/workspace/suggest")
@require(*VAULT_READERS)
def suggest():
    """``[{uid, label, kind, type, visibility}]``: records the user may see whose names
    match ``q``, optionally of one ``kind`` (a record type or a person's role)."""
    try:
        found = browse.suggest(vault(), user(), request.args.get("q"),
                               request.args.get("kind") or None, lang=g.lang)
    except browse.BadQuery as exc:
        return error_body(400, "Bad Request", f"{exc.field}: {exc}", {exc.field: [str(exc)]})
    return jsonify([{**item, "kind_label": MODEL.kind_label(item['kind'], g.lang),
                     "visibility_label": badge_text(item["visibility"])} for item in found])


def _page_number() -> int:
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)


@blp.route("/workspace/records")
@require(*VAULT_READERS)
def records():
    q = request.args.get("q", "")
    filters = {f: [v for v in request.args.getlist(f) if v and len(v) <= 200][:20]
               for f in browse.FACETS}
    filters = {f: v for f, v in filters.items() if v}
    page = _page_number()
    try:
        result = browse.search_records(vault(), user(), q, filters, page, PER_PAGE, g.lang)
    except browse.BadQuery as exc:
        return render_template("workspace/records.html", q=q[:browse.MAX_TEXT], result=None,
                               error=exc, filters={}, facets=[], pager=None), 400
    return render_template("workspace/records.html", q=q, result=result, error=None,
                           filters=filters, facets=_facet_groups(result, filters),
                           pager=_pager(q, filters, result))


def _facet_label(facet: str, value: dict) -> str:
    if facet == "kind":
        return MODEL.kind_label(value['key'], g.lang)
    if facet == "visibility":
        return badge_text(value["key"]) if value["key"] in STATES else value["key"]
    if facet == "category":
        return vocab_label("victim_category", value["key"], g.lang)
    return value["label"]


def _facet_groups(result: dict, filters: dict) -> list[dict]:
    titles = {"kind": _("Kind"), "visibility": _("Visibility"), "category": _("Victim category"),
              "body": _("Perpetrator body"), "location": _("Place")}
    groups = []
    for facet in browse.FACETS:
        chosen = set(filters.get(facet, []))
        values = [{"key": v["key"], "count": v["count"], "label": _facet_label(facet, v),
                   "checked": v["key"] in chosen} for v in result["facets"][facet]]
        if values or chosen:
            groups.append({"name": facet, "title": titles[facet], "values": values})
    return groups


def _pager(q: str, filters: dict, result: dict) -> dict:
    last = max(1, -(-result["total"] // result["per_page"]))

    def at(n: int) -> str:
        return url_for("workspace.records", q=q or None, page=n if n > 1 else None, **filters)

    page = result["page"]
    return {"page": page, "last": last, "prev": at(page - 1) if page > 1 else None,
            "next": at(page + 1) if page < last else None}


@blp.route("/workspace/records/<string:uid>")
@require(*VAULT_READERS)
def record(uid: str):
    if len(uid) > 200:
        abort(404)
    stores, me = vault(), user()
    try:
        detail = record_detail(stores, me, uid, g.lang)
    except NotVisible:
        abort(404)
    view = detail["view"]
    rec = dict(view["record"])
    labels = [view["type"], *rec.pop("roles", [])]
    rows = record_rows({"labels": labels, "properties": {k: v for k, v in rec.items()
                                                        if k not in ("record", "uid")}}, g.lang)
    for row in rows:  # links stay in the workspace: the public profile may not exist
        if row["field"] in ("submitted_by", "owner") and row["value"]:
            row["href"] = url_for("workspace.record", uid=row["value"])
    groups: dict[tuple[str, str], list[dict]] = {}
    for rel in detail["relationships"]:
        groups.setdefault((rel["type"], rel["direction"]), []).append(rel)
    pin_to = boards.list_boards(stores, me)[:5] if "investigator" in granted(me.role) else []
    return render_template(
        "workspace/record.html", view=view, detail=detail, rows=rows, boards=pin_to,
        kind=MODEL.kind_label(view['type'], g.lang), heading=_heading(view),
        groups=[{"title": relationship_heading(ty, d, g.lang), "items": items}
                for (ty, d), items in sorted(groups.items())])


def _heading(view: dict) -> str:
    rec = view["record"]
    return str(rec.get("name_ko") if g.lang == "ko" and rec.get("name_ko") else
               rec.get("name_en") or rec.get("name_ko") or rec.get("title")
               or rec.get("reference") or view["uid"])
