"""Editors' consent and publication workflow: consent on a person's page (record,
withdraw), the at-risk mark, a source's terms, and the review queue with the "why (not)
public" explanation and a preview of exactly what the public would see.

Thin views over ``graph.consent.editor`` (the same operations as the CLI and the JSON
API: validated, audited, and republished before they answer, so a withdrawal has taken
the person out of the public graph when the page comes back). The request bodies are
checked by the JSON API's own schemas. Consent records belong to the organisation that
owns the person; the review and the marks to whoever may change the record
(``service.vault.visibility``).
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from marshmallow import ValidationError

from graph.consent import editor
from graph.model import MODEL, text
from graph.publication import publish_stores
from service.api.consent import AtRiskBody, ConsentBody, ReviewBody, TermsBody, WithdrawBody
from service.stores import vault
from service.vault import publishing, reads
from service.vault.visibility import may_manage_consent, may_write
from service.workspace.blueprint import blp
from service.workspace.guard import require, user
from service.workspace.record_page import edit_page, read_writable, vocabulary

#: Longest text a form input may carry here before the schema sees it.
INPUT_MAX = 25_000
#: The inputs of the consent form (an error about another field is shown at the purpose).
CONSENT_FIELDS = ("purpose", "method", "obtained_by", "given_on", "partner", "evidence")


def _record(uid: str, label_wanted: str | None = None, consent: bool = False):
    """The record's access facts after the checks the JSON API makes: 404 if unseen (or not
    of ``label_wanted``), 403 if not the editor's to change."""
    stores = vault()
    try:
        access = reads.require_visible(stores, user(), uid)
    except reads.NotVisible:
        abort(404)
    if label_wanted and access.label != label_wanted:
        abort(404)
    if consent and not may_manage_consent(user(), access):
        abort(403, description=_("Consent records belong to the organisation that owns the "
                                 "person: only its users record or withdraw them."))
    if not may_write(user(), access):
        abort(403, description=_("This record belongs to another organisation: only its "
                                 "editors change it."))
    return access


def at_most(limit: int) -> str:
    """What a field longer than ``limit`` characters is told, counted."""
    return ngettext("At most %(count)s character.", "At most %(count)s characters.", limit,
                    count=format_number(limit))


def _load(schema, form: dict) -> tuple[dict | None, dict]:
    data = {k: v for k, v in form.items() if v not in ("", None)}
    too_long = {k: [at_most(INPUT_MAX)] for k, v in data.items()
                if isinstance(v, str) and len(v) > INPUT_MAX}
    if too_long:
        return None, too_long
    try:
        return schema().load(data), {}
    except ValidationError as exc:
        return None, {k: v if isinstance(v, list) else [str(v)] for k, v in exc.messages.items()}


def _record_page(uid: str, status: int, **extra):
    """The record's edit page again, with the errors of a consent, risk or terms form."""
    view, _access = read_writable(uid)
    return edit_page(view, dict(view["record"]), status, **extra)


def _done(uid: str, what: str):
    return redirect(url_for("workspace.edit_record", uid=uid, done=what) + "#consent", 303)


@blp.route("/workspace/edit/<string:uid>/consents", methods=["POST"])
@require("editor")
def record_consent(uid: str):
    _record(uid, "Person", consent=True)
    form = {k: request.form.get(k, "") for k in ("purpose", "given_on", "obtained_by", "method",
                                                 "evidence", "partner")}
    form["by_family"] = "true" if request.form.get("by_family") else "false"
    body, errors = _load(ConsentBody, form)
    if errors:
        return _record_page(uid, 422, consent_errors=errors, consent_values=form)
    try:
        editor.record_consent(vault(), uid, body["purpose"], body["given_on"],
                              body["obtained_by"], actor=user().email, method=body.get("method"),
                              evidence=body.get("evidence"), partner=body.get("partner"),
                              by_family=body["by_family"])
    except editor.EditError as exc:
        field = exc.field if exc.field in CONSENT_FIELDS else "purpose"
        return _record_page(uid, 422, consent_errors={field: [exc.reason]},
                            consent_values=form)
    return _done(uid, "consent")


@blp.route("/workspace/edit/<string:uid>/consents/withdraw", methods=["POST"])
@require("editor")
def withdraw_consent(uid: str):
    _record(uid, "Person", consent=True)
    form = {k: request.form.get(k, "") for k in ("consent", "purpose", "on")}
    body, errors = _load(WithdrawBody, form)
    if errors:
        return _record_page(uid, 422, withdraw_errors=errors)
    try:
        editor.withdraw_consent(vault(), uid, actor=user().email, consent=body.get("consent"),
                                purpose=body["purpose"], on=body.get("on"))
    except editor.EditError as exc:
        return _record_page(uid, 422, withdraw_errors={exc.field or "consent": [exc.reason]})
    return _done(uid, "withdrawn")


@blp.route("/workspace/edit/<string:uid>/at-risk", methods=["POST"])
@require("editor")
def at_risk(uid: str):
    _record(uid, "Person")
    body, errors = _load(AtRiskBody, {"at_risk": request.form.get("at_risk", "")})
    if errors or "at_risk" not in request.form:
        return _record_page(uid, 422, risk_errors=errors or {"at_risk": [_("Choose yes or no.")]})
    editor.mark_at_risk(vault(), uid, actor=user().email, at_risk=body["at_risk"])
    return _done(uid, "at_risk")


@blp.route("/workspace/edit/<string:uid>/terms", methods=["POST"])
@require("editor")
def source_terms(uid: str):
    _record(uid, "Source")
    body, errors = _load(TermsBody, {"terms": request.form.get("terms", "")})
    if errors:
        return _record_page(uid, 422, terms_errors=errors)
    editor.set_source_terms(vault(), uid, body["terms"], actor=user().email)
    return _done(uid, "terms")


# -- the review queue ---------------------------------------------------------------------

@blp.route("/workspace/review")
@require("editor")
def review_queue():
    stores = vault()
    queue = publishing.review_queue(stores, user())
    for item in queue:
        item["kind"] = text(MODEL.records[item["type"]].label, g.lang) if item["type"] in \
            MODEL.records else item["type"]
    return render_template("workspace/review_queue.html", queue=queue,
                           withheld=publishing.withheld_texts(stores, user()),
                           done=request.args.get("done"))


def _preview_page(uid: str, status: int = 200, **extra):
    try:
        shown = publishing.preview(vault(), user(), uid)
    except reads.NotVisible:
        abort(404)
    kind = shown["type"]
    return render_template("workspace/review_record.html", uid=uid, shown=shown,
                           kind=text(MODEL.records[kind].label, g.lang) if kind in MODEL.records
                           else kind, statuses=vocabulary("review_status"),
                           field_label=lambda name: MODEL.field_label(name, g.lang, kind),
                           errors=extra.pop("errors", {}), **extra), status


@blp.route("/workspace/review/<string:uid>")
@require("editor")
def review_record(uid: str):
    return _preview_page(uid)


@blp.route("/workspace/review/<string:uid>", methods=["POST"])
@require("editor")
def decide_review(uid: str):
    access = _record(uid)
    if access.label not in editor.REVIEWED:
        abort(404)
    decision = request.form.get("decision", "")
    reason = (request.form.get("reason") or "").strip()
    status = {"approve": "approved", "reject": "rejected"}.get(decision, decision)
    body, errors = _load(ReviewBody, {"status": status[:INPUT_MAX + 1]})
    if len(reason) > 2000:
        errors["reason"] = [at_most(2000)]
    if body and body["status"] == "rejected" and not reason:
        errors["reason"] = [_("Say why the record is rejected.")]
    if errors:
        return _preview_page(uid, 422, errors=errors)
    editor.review(vault(), uid, body["status"], actor=user().email, reason=reason or None)
    return redirect(url_for("workspace.review_queue", done=body["status"]), 303)


@blp.route("/workspace/review/publish", methods=["POST"])
@require("editor")
def publish():
    """Re-decide every record and rebuild the public graph (as the CLI's ``publish``)."""
    stores = vault()
    publish_stores(stores, actor=user().email)
    return redirect(url_for("workspace.review_queue", done="published"), 303)
