"""Admins manage the user accounts of their own organisation over HTTP.

An admin belongs to an organisation and sees, creates and revokes its accounts
only: another organisation's accounts answer 404, as if they did not exist, and
creating one there is refused (403). An admin never sets a password or mints a
token for someone else: a new account comes with a one-time invitation (shown
in the response, stored hashed, valid 72 hours) that its holder redeems at
``POST /api/v1/auth/invitations/accept`` to set their own password; tokens are
minted by signing in. The platform operator's ``footprints users`` CLI is the
one way around this, and it is audited as the operator.

Accounts never leave with their password hash; every change is audited.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from service.api.vault_common import caller, field_error, http_errors, no_store
from service.auth import require_role
from service.vault import accounts

blp = Blueprint("users", __name__, url_prefix="/api/v1/users",
                description="User accounts of the admin's own organisation, and invitations")
no_store(blp)


class NewAccountSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=320))
    role = fields.String(required=True, validate=validate.OneOf(accounts.ROLES))
    organization = fields.String(allow_none=True, validate=validate.Length(min=1, max=200),
                                 metadata={"description": "The admin's own (the default); "
                                                          "any other is refused"})
    name = fields.String(allow_none=True, validate=validate.Length(max=500))


class AccountSchema(Schema):
    uid = fields.String(required=True)
    email = fields.String(required=True)
    name = fields.String(allow_none=True)
    role = fields.String(required=True)
    organization = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    disabled = fields.Boolean()
    password_set = fields.Boolean(metadata={"description": "False until the invitation is "
                                                           "redeemed"})
    invitation_expires_at = fields.String(allow_none=True)
    active_tokens = fields.Integer()


class InvitationSchema(Schema):
    invitation = fields.String(required=True, metadata={
        "description": "Shown once: give it to the account's holder, who redeems it at "
                       "POST /api/v1/auth/invitations/accept"})
    invitation_expires_at = fields.String(required=True)


class InvitedAccountSchema(AccountSchema, InvitationSchema):
    pass


class RevokedAccountSchema(Schema):
    uid = fields.String(required=True)
    disabled = fields.Boolean(required=True)
    tokens_revoked = fields.Integer(required=True)


def _admin_org() -> str:
    _, admin = caller()
    if not admin.organization:
        abort(403, message="you belong to no organisation, so you manage no accounts (the "
                           "platform operator can assign you one)")
    return admin.organization


def _account(uid: str) -> dict:
    """An account of the admin's own organisation; 404 for any other, as for none."""
    stores, _ = caller()
    org = _admin_org()
    found = accounts.find_user(stores.vault, stores.database("vault"), uid=uid)
    if found is None or found["organization"] != org:
        abort(404, message=f"no user with uid {uid!r} in your organisation")
    return found


@blp.route("")
class Users(MethodView):
    @require_role("admin")
    @blp.response(200, AccountSchema(many=True))
    def get(self):
        """The accounts of your organisation, with their number of live tokens."""
        stores, _ = caller()
        return accounts.list_users(stores.vault, stores.database("vault"), _admin_org())

    @require_role("admin")
    @blp.arguments(NewAccountSchema)
    @blp.response(201, InvitedAccountSchema)
    @blp.alt_response(403, description="Another organisation named")
    def post(self, body: dict):
        """Create an account in your organisation, without a password: the response holds
        the one-time invitation its holder redeems to set their own."""
        stores, admin = caller()
        org = _admin_org()
        if body.get("organization") not in (None, org):
            field_error(403, "organization", f"you create accounts of your own organisation "
                                             f"({org}) only")
        with http_errors("email"):
            user, invitation = accounts.invite_user(
                stores.vault, stores.database("vault"), body["email"], body["role"], org,
                name=body.get("name"), actor=admin.email)
        return {**user, "invitation": invitation.secret,
                "invitation_expires_at": invitation.expires_at}


@blp.route("/<string:uid>")
class User(MethodView):
    @require_role("admin")
    @blp.response(200, AccountSchema)
    def get(self, uid: str):
        """One account of your organisation."""
        return _account(uid)


@blp.route("/<string:uid>/invitation")
class Invite(MethodView):
    @require_role("admin")
    @blp.response(201, InvitationSchema)
    @blp.alt_response(409, description="The account has a password already, or is disabled")
    def post(self, uid: str):
        """A new invitation for an account that has not set its password yet (the previous
        one stops working). An account with a password gets none."""
        stores, admin = caller()
        _account(uid)
        try:
            invitation = accounts.reissue_invitation(stores.vault, stores.database("vault"), uid,
                                                     actor=admin.email)
        except accounts.AccountError as exc:
            field_error(409, exc.field, exc.reason)
        return {"invitation": invitation.secret, "invitation_expires_at": invitation.expires_at}


@blp.route("/<string:uid>/revoke")
class Revoke(MethodView):
    @require_role("admin")
    @blp.response(200, RevokedAccountSchema)
    def post(self, uid: str):
        """Disable an account of your organisation and revoke all its tokens."""
        stores, admin = caller()
        _account(uid)
        revoked = accounts.revoke_user(stores.vault, stores.database("vault"), uid,
                                       actor=admin.email)
        if revoked is None:
            abort(404, message=f"no user with uid {uid!r} in your organisation")
        return {"uid": uid, "disabled": True, "tokens_revoked": revoked}
