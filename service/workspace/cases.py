"""Lawyers' pages: the list of proceedings, a proceeding's case file, its links to the people
it concerns or names, and its dossier (printable HTML, PDF and JSON Lines).

Views are thin: what a user may see and change is decided by ``service.vault.cases`` and
``service.vault.edits`` (organisation walls included). Lawyers, editors and admins open
these pages (``lawyer`` through the role grants); linking needs the user's organisation
to own the proceeding and the person, as everywhere else.
"""

from __future__ import annotations

import re

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import format_number, lazy_gettext, ngettext
from flask_babel import gettext as _

from graph import audit
from service.stores import vault
from service.vault import cases, edits
from service.vault.badges import BADGES, css_class
from service.vault.reads import NotVisible
from service.workspace import dossier
from service.workspace.blueprint import blp
from service.workspace.guard import require, user

#: Messages after a write, by the code the redirect carries (never free text from a URL).
DONE = {"linked": lazy_gettext("The link was added."),
        "unlinked": lazy_gettext("The link was removed.")}
#: Uids as the forms take them: letters, digits, dashes, dots, underscores, colons.
UID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
SOURCES_MAX = 20


def _case(uid: str) -> dict:
    try:
        return cases.case_file(vault(), user(), uid)
    except NotVisible:
        abort(404)


def _page(uid: str, status: int = 200, **extra):
    case = _case(uid)
    return render_template("workspace/case_file.html", case=case, badges=BADGES,
                           badge_class=css_class, editable=cases.EDITABLE,
                           done=str(DONE[request.args["done"]])
                           if request.args.get("done") in DONE else None,
                           **extra), status


@blp.route("/workspace/cases")
@require("lawyer")
def case_list():
    items = cases.list_cases(vault(), user())
    return render_template("workspace/cases.html", items=items, badge_class=css_class,
                           limit=cases.LIST_LIMIT)


@blp.route("/workspace/cases/<string:uid>")
@require("lawyer")
def case_file(uid: str):
    return _page(uid)


def _link_form() -> tuple[dict, dict[str, list[str]]]:
    """The link named by the form, and what is wrong with it (field: reasons)."""
    form = request.form
    errors: dict[str, list[str]] = {}
    rel_type = form.get("type", "")
    if rel_type not in cases.EDITABLE:
        errors["type"] = [_("Choose one of: %(types)s.", types=", ".join(cases.EDITABLE))]
    target = form.get("target", "").strip()
    if not target:
        errors["target"] = [_("Choose a record (type a name, or its uid).")]
    elif not UID.match(target):
        errors["target"] = [_("This is not a record's uid (letters, digits and dashes, at "
                              "most 200 characters).")]
    sources = form.get("sources", "").replace(",", " ").split()
    if len(sources) > SOURCES_MAX:
        errors["sources"] = [ngettext("At most %(count)s source.", "At most %(count)s sources.",
                                      SOURCES_MAX, count=format_number(SOURCES_MAX))]
    elif any(not UID.match(s) for s in sources):
        errors["sources"] = [_("Give the sources' uids, separated by spaces.")]
    key = form.get("key", "")
    if len(key) > 200:
        errors["key"] = [ngettext("At most %(count)s character.", "At most %(count)s characters.",
                                  200, count=format_number(200))]
    return {"type": rel_type, "target": target, "sources": sources, "key": key}, errors


@blp.route("/workspace/cases/<string:uid>/links", methods=["POST"])
@require("lawyer")
def add_link(uid: str):
    _case(uid)  # 404 before anything else for a proceeding the user may not see
    link, errors = _link_form()
    if not errors:
        try:
            edits.create_relationship(vault(), user(), {
                "type": link["type"], "from": uid, "to": link["target"],
                "sources": link["sources"]})
        except edits.Invalid as exc:
            errors = {("target" if f == "to" else f): list(reasons)
                      for f, reasons in exc.fields.items()}
        except edits.Forbidden as exc:
            return _page(uid, 403, errors={exc.field: [exc.reason]}, form=request.form)
    if errors:
        return _page(uid, 422, errors=errors, form=request.form)
    return redirect(url_for("workspace.case_file", uid=uid, done="linked"))


@blp.route("/workspace/cases/<string:uid>/links/remove", methods=["POST"])
@require("lawyer")
def remove_link(uid: str):
    _case(uid)
    link, errors = _link_form()
    if not errors:
        try:
            edits.delete_relationship(vault(), user(), {
                "type": link["type"], "from": uid, "to": link["target"], "key": link["key"]})
        except edits.Invalid as exc:
            errors = {("target" if f == "to" else f): list(reasons)
                      for f, reasons in exc.fields.items()}
        except edits.Forbidden as exc:
            return _page(uid, 403, errors={exc.field: [exc.reason]})
        except NotVisible:
            errors = {"target": [_("There is no such link.")]}
    if errors:
        return _page(uid, 422, errors=errors)
    return redirect(url_for("workspace.case_file", uid=uid, done="unlinked"))


def _exported(uid: str, fmt: str) -> dict:
    """The case file, after writing its export to the audit log (before anything is sent)."""
    case = _case(uid)
    stores = vault()
    me = user()
    audit.append(stores.vault, me.email, "dossier.export", uid, database=stores.database("vault"),
                 format=fmt, facts=len(case["facts"]), withheld=case["withheld"])
    return case


@blp.route("/workspace/cases/<string:uid>/dossier")
@require("lawyer")
def dossier_page(uid: str):
    return dossier.html(_exported(uid, "html"), user())


@blp.route("/workspace/cases/<string:uid>/dossier.pdf")
@require("lawyer")
def dossier_pdf(uid: str):
    case = _exported(uid, "pdf")
    return Response(dossier.pdf(case, user()), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="dossier-{dossier.safe_name(uid)}.pdf"'})


@blp.route("/workspace/cases/<string:uid>/dossier.jsonl")
@require("lawyer")
def dossier_jsonl(uid: str):
    case = _exported(uid, "jsonl")
    return Response(dossier.jsonl(case, user()), mimetype="application/x-ndjson", headers={
        "Content-Disposition": f'attachment; filename="dossier-{dossier.safe_name(uid)}.jsonl"'})
