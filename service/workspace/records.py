"""Editors' record pages: create and edit every record type the vault's editing layer
writes, link records, and delete (softly) with a reason.

The forms come from the model (``service.workspace.forms``) and every write goes through
``service.vault.edits`` (the same validation, organisation walls, audit and synchronous
republication as the JSON API). A form carries the ETag of the record it was filled
from: if the record changed meanwhile, the page shows both versions field by field and
writes nothing. Bad input comes back with each field's reason and nothing written.
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from graph.model import MODEL, text
from service.stores import vault
from service.vault import edits, reads
from service.workspace import forms
from service.workspace.blueprint import blp
from service.workspace.guard import require, user
from service.workspace.record_page import edit_page, form_page, read_writable

#: Form inputs that are not record fields.
CONTROL = ("csrf_token", "etag", "action")
#: Longest reason or uid taken from a form.
SHORT_MAX = 2000


def _type_or_404(type_name: str) -> str:
    if type_name not in forms.editable_types():
        abort(404)
    return type_name


def _kinds() -> list[dict]:
    return [{"name": n, "label": text(MODEL.records[n].label, g.lang) or n}
            for n in forms.editable_types()]


def _errors(exc: edits.Invalid | edits.Forbidden | edits.Conflict) -> dict[str, list[str]]:
    """Each field's reasons, as the vault gave them: messages that the page says in its
    language (graph.messages)."""
    if isinstance(exc, edits.Invalid):
        return {k: list(v) for k, v in exc.fields.items()}
    if isinstance(exc, edits.Forbidden):
        return {exc.field: [exc.reason]}
    return {"record": [exc.reason]}


def _suggested(values: dict) -> dict:
    """The form's values with the usual romanisation of the Hangul name filled in where
    the romanised name is still empty (the "suggest" button)."""
    spelled = forms.suggestions(values.get("name_ko"))
    if spelled and not values.get("name_en") and request.form.get("action") == "suggest":
        return {**values, "name_en": spelled[0]}
    return values


def _form_values(type_name: str, creating: bool) -> tuple[dict, dict]:
    body, errors = forms.parse(type_name, request.form, creating)
    shown = {k: v for k, v in body.items() if v is not None}
    return body, {**shown, "_errors": errors}


@blp.route("/workspace/edit")
@require("editor")
def edit_index():
    return render_template("workspace/record_index.html", kinds=_kinds())


@blp.route("/workspace/edit/open")
@require("editor")
def edit_open():
    """Open a record by uid (from the index page's form)."""
    uid = (request.args.get("uid") or "").strip()[:SHORT_MAX]
    if not uid:
        return render_template("workspace/record_index.html", kinds=_kinds(),
                               errors={"uid": [_("Give the uid of a record.")]}), 422
    return redirect(url_for("workspace.edit_record", uid=uid), 303)


@blp.route("/workspace/edit/new/<string:type_name>")
@require("editor")
def new_record(type_name: str):
    if type_name in edits.UPLOADED:  # a document is made with its file: the upload form
        return redirect(url_for("workspace.new_document"), 303)
    return form_page(_type_or_404(type_name), True, {})


@blp.route("/workspace/edit/new/<string:type_name>", methods=["POST"])
@require("editor")
def create_record(type_name: str):
    type_name = _type_or_404(type_name)
    body, values = _form_values(type_name, True)
    errors = values.pop("_errors")
    if request.form.get("action") == "suggest" or errors:
        return form_page(type_name, True, _suggested(values), 422 if errors else 200,
                          errors=errors)
    try:
        view = edits.create_record(vault(), user(), {"record": type_name, **body})
    except (edits.Invalid, edits.Forbidden, edits.Conflict) as exc:
        return form_page(type_name, True, values, 422, errors=_errors(exc))
    return redirect(url_for("workspace.edit_record", uid=view["uid"], done="created"), 303)


@blp.route("/workspace/edit/<string:uid>")
@require("editor")
def edit_record(uid: str):
    view, _access = read_writable(uid)
    return edit_page(view, dict(view["record"]))


@blp.route("/workspace/edit/<string:uid>", methods=["POST"])
@require("editor")
def update_record(uid: str):
    view, _access = read_writable(uid)
    type_name = view["type"]
    body, values = _form_values(type_name, False)
    errors = values.pop("_errors")
    etag = (request.form.get("etag") or "")[:200]
    if request.form.get("action") == "suggest" or errors:
        return edit_page({**view, "etag": etag or view["etag"]}, _suggested(values),
                          422 if errors else 200, errors=errors)
    try:
        written = edits.update_record(vault(), user(), uid, body, [etag], partial=True)
    except edits.Stale:
        return edit_page(view, values, 412, conflict=_conflict(type_name, values,
                                                                view["record"]))
    except (edits.Invalid, edits.Forbidden) as exc:
        return edit_page({**view, "etag": etag}, values, 422, errors=_errors(exc))
    except reads.NotVisible:
        abort(404)
    return redirect(url_for("workspace.edit_record", uid=written["uid"], done="saved"), 303)


def _conflict(type_name: str, yours: dict, current: dict) -> list[dict]:
    """Both versions, field by field, in the form's order, marking the ones that differ."""
    rows = []
    for _group, fields in forms.form_fields(type_name, g.lang, False):
        for field in fields:
            for name in field.names:
                mine, theirs = yours.get(name), current.get(name)
                rows.append({"name": name, "label": field.label, "yours": mine,
                             "current": theirs, "differs": mine != theirs})
    return rows


@blp.route("/workspace/edit/<string:uid>/delete", methods=["POST"])
@require("editor")
def delete_record(uid: str):
    view, _access = read_writable(uid)
    reason = request.form.get("reason", "")
    try:
        edits.delete_record(vault(), user(), uid, reason[:SHORT_MAX + 1])
    except (edits.Invalid, edits.Forbidden) as exc:
        return edit_page(view, dict(view["record"]), 422, delete_errors=_errors(exc))
    except reads.NotVisible:
        abort(404)
    return render_template("workspace/record_deleted.html", uid=uid, type_name=view["type"]), 200


@blp.route("/workspace/edit/<string:uid>/undelete", methods=["POST"])
@require("editor")
def undelete_record(uid: str):
    try:
        edits.undelete_record(vault(), user(), uid)
    except reads.NotVisible:
        abort(404)
    return redirect(url_for("workspace.edit_record", uid=uid, done="undeleted"), 303)


# -- relationships ---------------------------------------------------------------------------

def _relationship_choices(kind: str) -> list[dict]:
    """The relationship types a record of ``kind`` may be an end of, each with the kind(s)
    of record at the other end, seen from this record."""
    out = []
    for rel in MODEL.relationships.values():
        if not rel.editable or not rel.interchange or rel.name == "GAVE":
            continue
        for direction, here, there in (("out", rel.starts, rel.ends), ("in", rel.ends, rel.starts)):
            if here is None or kind in here:
                others = list(there) if there is not None else list(forms.editable_types())
                out.append({"value": f"{direction}:{rel.name}", "type": rel.name,
                            "direction": direction, "others": others,
                            "label": MODEL.relationship_label(rel.name, g.lang, direction),
                            "properties": rel.properties})
    return out


def _relationship_page(view: dict, status: int = 200, **extra):
    kind = view["type"]
    choices = _relationship_choices(kind)
    props = sorted({p for c in choices for p in c["properties"] if p not in ("sources",)},
                   key=list(MODEL.properties).index)
    fields = [{"name": p, "label": text(MODEL.properties[p].label, g.lang) or p,
               "type": MODEL.properties[p].type,
               "choices": [(k, v.get(g.lang) or v["en"]) for k, v in
                           MODEL.vocabularies[MODEL.properties[p].vocabulary].items()]
               if MODEL.properties[p].vocabulary else []}
              for p in props if p not in ("verdict", "by", "at")]
    return render_template("workspace/relationship_form.html", uid=view["uid"], view=view,
                           kind_label=text(MODEL.records[kind].label, g.lang) or kind,
                           choices=choices, props=fields, values=extra.pop("values", {}),
                           errors=extra.pop("errors", {}), **extra), status


@blp.route("/workspace/edit/<string:uid>/relationships/new")
@require("editor")
def new_relationship(uid: str):
    view, _access = read_writable(uid)
    return _relationship_page(view)


@blp.route("/workspace/edit/<string:uid>/relationships/new", methods=["POST"])
@require("editor")
def create_relationship(uid: str):
    view, _access = read_writable(uid)
    form = request.form
    values = {k: (form.get(k) or "").strip()[:SHORT_MAX] for k in form if k not in CONTROL}
    values["sources"] = "\n".join(s.strip()[:SHORT_MAX] for s in form.getlist("sources")
                                  if s.strip())
    allowed = {c["value"]: c for c in _relationship_choices(view["type"])}
    choice = allowed.get(values.get("relationship", ""))
    if choice is None:
        return _relationship_page(view, 422, values=values, errors={
            "relationship": [_("Choose one of the relationships listed.")]})
    target = values.get("target", "")
    start, end = (uid, target) if choice["direction"] == "out" else (target, uid)
    props = {p: values[p] for p in choice["properties"]
             if p not in ("sources",) and values.get(p)}
    sources = [s for line in values["sources"].splitlines() for s in line.split(",")
               if s.strip()]
    body = {"type": choice["type"], "from": start, "to": end,
            "sources": [s.strip() for s in sources], "props": props}
    try:
        edits.create_relationship(vault(), user(), body)
    except (edits.Invalid, edits.Forbidden) as exc:
        errors = _errors(exc)
        for mine, theirs in (("from", "target" if choice["direction"] == "in" else "record"),
                             ("to", "target" if choice["direction"] == "out" else "record")):
            if mine in errors:
                errors[theirs] = errors.pop(mine)
        return _relationship_page(view, 422, values=values, errors=errors)
    return redirect(url_for("workspace.edit_record", uid=uid, done="linked"), 303)
