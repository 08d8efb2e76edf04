"""Admins manage user accounts over HTTP (the ``footprints users`` CLI does the same).

Accounts never leave with their password hash; a new token's secret is in the
response that creates it and nowhere else.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from service import accounts
from service.api.vault_common import caller, http_errors, no_store
from service.auth import document_bearer_auth, require_role

blp = Blueprint("users", __name__, url_prefix="/api/v1/users",
                description="User accounts and API tokens (admins)")
document_bearer_auth(blp)
no_store(blp)


class NewAccountSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=320))
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=accounts.MIN_PASSWORD, max=1024))
    role = fields.String(required=True, validate=validate.OneOf(accounts.ROLES))
    organization = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))
    name = fields.String(allow_none=True, validate=validate.Length(max=500))


class AccountSchema(Schema):
    uid = fields.String(required=True)
    email = fields.String(required=True)
    name = fields.String(allow_none=True)
    role = fields.String(required=True)
    organization = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    disabled = fields.Boolean()
    active_tokens = fields.Integer()


class NewTokenBodySchema(Schema):
    label = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class IssuedTokenSchema(Schema):
    token = fields.String(required=True, metadata={"description": "Shown once; keep it secret"})
    token_uid = fields.String(required=True)
    label = fields.String(allow_none=True)


class RevokedAccountSchema(Schema):
    uid = fields.String(required=True)
    disabled = fields.Boolean(required=True)
    tokens_revoked = fields.Integer(required=True)


def _account(uid: str) -> dict:
    stores, _ = caller()
    found = accounts.find_user(stores.vault, stores.database("vault"), uid=uid)
    if found is None:
        abort(404, message=f"no user with uid {uid!r}")
    return found


@blp.route("")
class Users(MethodView):
    @require_role("admin")
    @blp.response(200, AccountSchema(many=True))
    def get(self):
        """Every account, with its number of live tokens."""
        stores, _ = caller()
        return accounts.list_users(stores.vault, stores.database("vault"))

    @require_role("admin")
    @blp.arguments(NewAccountSchema)
    @blp.response(201, AccountSchema)
    def post(self, body: dict):
        """Create an account (the password is hashed with argon2)."""
        stores, _ = caller()
        with http_errors("email"):
            return accounts.create_user(stores.vault, stores.database("vault"), body["email"],
                                        body["role"], body["password"],
                                        organization=body.get("organization"),
                                        name=body.get("name"))


@blp.route("/<string:uid>")
class User(MethodView):
    @require_role("admin")
    @blp.response(200, AccountSchema)
    def get(self, uid: str):
        """One account."""
        return _account(uid)


@blp.route("/<string:uid>/revoke")
class Revoke(MethodView):
    @require_role("admin")
    @blp.response(200, RevokedAccountSchema)
    def post(self, uid: str):
        """Disable the account and revoke all its tokens."""
        stores, _ = caller()
        revoked = accounts.revoke_user(stores.vault, stores.database("vault"), uid)
        if revoked is None:
            abort(404, message=f"no user with uid {uid!r}")
        return {"uid": uid, "disabled": True, "tokens_revoked": revoked}


@blp.route("/<string:uid>/tokens")
class Tokens(MethodView):
    @require_role("admin")
    @blp.arguments(NewTokenBodySchema)
    @blp.response(201, IssuedTokenSchema)
    def post(self, body: dict, uid: str):
        """Issue a new API token for the account (its secret is shown once)."""
        stores, _ = caller()
        account = _account(uid)
        if account["disabled"]:
            abort(409, message="the account is disabled")
        token = accounts.issue_token(stores.vault, stores.database("vault"), uid, body.get("label"))
        return {"token": token.secret, "token_uid": token.uid, "label": token.label}
