"""Editors' consent workflow over HTTP: thin views over ``graph.consent.editor``.

Everything the consent CLI does: record and withdraw consent, mark a person at
risk, review for publication, set a source's terms of use, explain a decision,
and rebuild the public graph. Each operation is audited and republishes before
it answers: after a withdrawal returns, the person is already out of the public
graph. Consent records, the review and the at-risk mark belong to the organisation
that owns the person, and a source's terms to the one that submitted it: only its
users (admins included only if they belong to it) change them; to anyone else who may
read the record the answer is 403 (``service.vault.visibility``).
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from graph.consent import editor
from graph.publication import publish_stores
from graph.vocabularies import choices
from loaders.messages import translatable
from service.api.vault_common import EditResultSchema, caller, http_errors, no_store, result
from service.auth import require_role
from service.vault.reads import audit_reads, explain_visible, require_visible
from service.vault.text import review_list
from service.vault.visibility import may_manage_consent, may_write, refusal

blp = Blueprint("vault-consent", __name__, url_prefix="/api/v1/vault",
                description="Consent, review and publication (editors; audited)")
no_store(blp)


def _vocab(name: str, **kw) -> fields.String:
    return fields.String(validate=validate.OneOf(choices(name)), **kw)


@translatable
class ConsentBody(Schema):
    purpose = _vocab("consent_purpose", required=True)
    given_on = fields.Date(required=True)
    obtained_by = fields.String(required=True, validate=validate.Length(min=1, max=500))
    method = _vocab("consent_method", allow_none=True)
    evidence = fields.String(allow_none=True, validate=validate.Length(max=20_000))
    partner = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))
    by_family = fields.Boolean(load_default=False)


@translatable
class WithdrawBody(Schema):
    consent = fields.String(allow_none=True, validate=validate.Length(min=1, max=200),
                            metadata={"description": "One consent by uid (default: all of purpose)"})
    purpose = _vocab("consent_purpose", load_default="publication")
    on = fields.Date(allow_none=True)


@translatable
class AtRiskBody(Schema):
    at_risk = fields.Boolean(load_default=True)


@translatable
class ReviewBody(Schema):
    status = _vocab("review_status", required=True)


@translatable
class TermsBody(Schema):
    terms = _vocab("terms_of_use", required=True)


class ConsentExplanationSchema(Schema):
    uid = fields.String(required=True)
    type = fields.String()
    decision = fields.String()
    current_label = fields.String(allow_none=True)
    reasons = fields.List(fields.String())
    consents = fields.List(fields.Dict())
    consents_withheld = fields.Boolean()
    sources = fields.List(fields.Dict())
    review_status = fields.String(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_on = fields.String(allow_none=True)
    in_dprk = fields.Boolean(allow_none=True)
    at_risk = fields.Boolean(allow_none=True)


def _person(uid: str, consent: bool = False):
    """The caller, after checking that they may see the person (404 otherwise) and that the
    person is theirs to change (403): consents, the review and the at-risk mark belong to
    the organisation that owns the person."""
    stores, user = caller()
    with http_errors():
        access = require_visible(stores, user, uid)
    if access.label != "Person":
        abort(404, message=f"no person with uid {uid!r}")
    if consent and not may_manage_consent(user, access):
        abort(403, message="consent records belong to the organisation that owns the person: "
                           "only its users may record or withdraw them")
    if not may_write(user, access):
        abort(403, message=refusal(access))
    return stores, user


@blp.route("/persons/<string:uid>/consents")
class Consents(MethodView):
    @require_role("editor")
    @blp.arguments(ConsentBody)
    @blp.response(201, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Record a consent given by (or, with ``by_family``, for) the person."""
        stores, user = _person(uid, consent=True)
        with http_errors("purpose"):
            res = editor.record_consent(stores, uid, body["purpose"], body["given_on"],
                                        body["obtained_by"], actor=user.email,
                                        method=body.get("method"), evidence=body.get("evidence"),
                                        partner=body.get("partner"), by_family=body["by_family"])
        return result(res)


@blp.route("/persons/<string:uid>/consents/withdraw")
class Withdraw(MethodView):
    @require_role("editor")
    @blp.arguments(WithdrawBody)
    @blp.response(200, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Withdraw consent; the person is out of the public graph when this returns."""
        stores, user = _person(uid, consent=True)
        with http_errors("consent" if body.get("consent") else "purpose"):
            res = editor.withdraw_consent(stores, uid, actor=user.email, consent=body.get("consent"),
                                          purpose=body["purpose"], on=body.get("on"))
        return result(res)


@blp.route("/persons/<string:uid>/at-risk")
class AtRisk(MethodView):
    @require_role("editor")
    @blp.arguments(AtRiskBody)
    @blp.response(200, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Mark the person a third party at risk (never published), or clear the mark."""
        stores, user = _person(uid)
        with http_errors("at_risk"):
            return result(editor.mark_at_risk(stores, uid, actor=user.email,
                                              at_risk=body["at_risk"]))


@blp.route("/persons/<string:uid>/review")
class Review(MethodView):
    @require_role("editor")
    @blp.arguments(ReviewBody)
    @blp.response(200, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Record the editor's review of the person for publication."""
        stores, user = _person(uid)
        with http_errors("status"):
            return result(editor.review(stores, uid, body["status"], actor=user.email))


@blp.route("/records/<string:uid>/review")
class RecordReview(MethodView):
    @require_role("editor")
    @blp.arguments(ReviewBody)
    @blp.response(200, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Record the editor's review for publication of a source or a reference record
        (place, perpetrator body, organisation, instrument, resource): an import's records
        wait for it, as people do. A person's review: ``/persons/{uid}/review``."""
        stores, user = caller()
        with http_errors("status"):
            access = require_visible(stores, user, uid)
            if access.label not in editor.REVIEWED or access.label == "Person":
                abort(404, message=f"no source or reference record with uid {uid!r}")
            if not may_write(user, access):
                abort(403, message=refusal(access))
            return result(editor.review(stores, uid, body["status"], actor=user.email))


@blp.route("/sources/<string:uid>/terms")
class SourceTerms(MethodView):
    @require_role("editor")
    @blp.arguments(TermsBody)
    @blp.response(200, EditResultSchema)
    def post(self, body: dict, uid: str):
        """Set a source's terms of use (the public graph is rebuilt)."""
        stores, user = caller()
        with http_errors("terms"):
            access = require_visible(stores, user, uid)
            if access.label != "Source":
                abort(404, message=f"no source with uid {uid!r}")
            if not may_write(user, access):
                abort(403, message=refusal(access))
            return result(editor.set_source_terms(stores, uid, body["terms"], actor=user.email))


@blp.route("/records/<string:uid>/explanation")
class Explanation(MethodView):
    @require_role("editor")
    @blp.response(200, ConsentExplanationSchema)
    def get(self, uid: str):
        """Why a record is, or is not, public (audited unless public)."""
        stores, user = caller()
        with http_errors("uid"):
            access = require_visible(stores, user, uid)
            audit_reads(stores, user, [access], via="explanation")
            return explain_visible(stores, user, editor.explain(stores, uid))


@blp.route("/publication")
class Publication(MethodView):
    @require_role("editor")
    @blp.response(200, EditResultSchema)
    def post(self):
        """Re-decide every record and rebuild the public graph as a new generation."""
        stores, user = caller()
        report = publish_stores(stores, actor=user.email)
        return result(editor.Result(report.summary(), report))


class WithheldFieldSchema(Schema):
    uid = fields.String(required=True)
    record = fields.String(required=True)
    type = fields.String(allow_none=True)
    field = fields.String(required=True, metadata={"description": "The field withheld "
                                                    "(TYPE.field for a relationship's)"})
    persons = fields.List(fields.String(), metadata={"description": "Non-public persons it "
                                                                    "names that you may see"})
    persons_not_shown = fields.Integer(metadata={"description": "Others it names, of another "
                                                               "organisation"})
    reason = fields.String(required=True)
    since = fields.String(allow_none=True)


@blp.route("/withheld")
class Withheld(MethodView):
    @require_role("editor")
    @blp.response(200, WithheldFieldSchema(many=True))
    def get(self):
        """The free-text gate's review list: published fields withheld because they name a
        non-public person, newest first. Rewrite the text, or obtain consent; an entry goes
        away when a publication no longer withholds the field."""
        stores, user = caller()
        return review_list(stores, user)
