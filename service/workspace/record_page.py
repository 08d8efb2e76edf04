"""What the record pages share: the record form page (a new record's, or an existing
one's with its consent or terms panel) and reading a record the editor may change.
Used by ``records`` (the forms) and ``consent`` (whose errors come back on the
person's page)."""

from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request
from flask_babel import gettext as _

from graph.consent import editor
from graph.model import MODEL, text
from graph.vocabularies import choices, label
from service.stores import vault
from service.vault import edits, reads
from service.vault.visibility import may_write
from service.workspace import forms
from service.workspace.guard import user


def vocabulary(name: str) -> list[tuple[str, str]]:
    return [(key, label(name, key, g.lang)) for key in choices(name)]


def panel(view: dict) -> dict:
    """What a person's edit page shows of consent: the explanation of the decision (with
    the consents, when the editor's organisation owns the person) and the choices."""
    stores = vault()
    explanation = reads.explain_visible(stores, user(), editor.explain(stores, view["uid"]))
    return {"explanation": explanation, "purposes": vocabulary("consent_purpose"),
            "methods": vocabulary("consent_method"),
            "at_risk": bool(view["record"].get("at_risk"))}


def terms_panel(view: dict) -> dict:
    return {"terms": vocabulary("terms_of_use"), "current": view["record"].get("terms_of_use")}


def form_page(type_name: str, creating: bool, values: dict, status: int = 200, **extra):
    return render_template(
        "workspace/record_form.html", type_name=type_name, creating=creating,
        kind_label=text(MODEL.records[type_name].label, g.lang) or type_name,
        groups=forms.form_fields(type_name, g.lang, creating), values=values,
        suggestions=forms.suggestions(values.get("name_ko")) if "name_ko" in values else [],
        errors=extra.pop("errors", {}), **extra), status


def read_writable(uid: str) -> tuple[dict, Any]:
    """The record as the editor may read it, and its access facts; 404 when they may not
    see it, 403 when it is not theirs to change."""
    stores = vault()
    try:
        access = reads.require_visible(stores, user(), uid)
        view = reads.read_record(stores, user(), uid)
    except reads.NotVisible:
        abort(404)
    if access.label not in edits.MODELS:
        abort(404)
    if not may_write(user(), access):
        abort(403, description=_("This record belongs to another organisation: only its "
                                 "editors change it."))
    return view, access


def edit_page(view: dict, values: dict, status: int = 200, **extra):
    type_name = view["type"]
    return form_page(type_name, False, values, status, uid=view["uid"], etag=view["etag"],
                     consent_label=view["consent_label"],
                     person=panel(view) if type_name == "Person" else None,
                     source_terms=terms_panel(view) if type_name == "Source" else None,
                     done=request.args.get("done"), **extra)
