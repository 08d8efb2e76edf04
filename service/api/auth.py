"""Signing in and out: e-mail and password for a bearer token, revocation, who am I, and
redeeming an invitation to set one's first password.

Login is rate-limited per client address and e-mail address, and per client address
across e-mail addresses (service/ratelimit.py); a wrong address and a wrong password
get the same answer in the same time. The token's secret is in the login response
only: the vault keeps its hash. Signing in is how anyone gets a token, for themselves
only (one per sign-in, labelled); no one mints a token for another person over HTTP.
Every sign-in, failed or not, every sign-out and every redeemed invitation is audited.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from service.api.vault_common import caller, http_errors, no_store
from service.auth import REALM, current_token, granted, require_role
from service.ratelimit import client_ip, login_limits, rate_limit
from service.stores import vault
from service.vault import accounts

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth",
                description="Sign in for a bearer token, sign out, who am I")
no_store(blp)


class LoginBodySchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=320))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    label = fields.String(load_default="login", validate=validate.Length(max=200))


class AuthUserSchema(Schema):
    uid = fields.String(required=True)
    email = fields.String(required=True)
    name = fields.String(allow_none=True)
    role = fields.String(required=True)
    organization = fields.String(allow_none=True)
    grants = fields.List(fields.String(), metadata={"description": "Roles whose rights this one holds"})


class LoginTokenSchema(Schema):
    token = fields.String(required=True, metadata={"description": "Shown once; keep it secret"})
    token_uid = fields.String(required=True)
    user = fields.Nested(AuthUserSchema, required=True)


class AcceptInvitationSchema(Schema):
    invitation = fields.String(required=True, load_only=True,
                               validate=validate.Length(min=1, max=200))
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=accounts.MIN_PASSWORD, max=1024))


class AuthMessageSchema(Schema):
    message = fields.String(required=True)


def user_json(user: accounts.User) -> dict:
    return {"uid": user.uid, "email": user.email, "name": user.name, "role": user.role,
            "organization": user.organization, "grants": sorted(granted(user.role))}


@blp.route("/login")
class Login(MethodView):
    @login_limits
    @blp.arguments(LoginBodySchema)
    @blp.response(201, LoginTokenSchema)
    @blp.alt_response(401, description="Wrong e-mail or password")
    @blp.alt_response(429, description="Too many attempts (see Retry-After)")
    def post(self, body: dict):
        """Exchange an e-mail address and password for a new API token."""
        stores = vault()
        db = stores.database("vault")
        user = accounts.verify_login(stores.vault, db, body["email"], body["password"])
        if user is None:
            abort(401, message="wrong e-mail address or password",
                  headers={"WWW-Authenticate": REALM})
        token = accounts.issue_token(stores.vault, db, user.uid, body["label"], actor=user.email)
        return {"token": token.secret, "token_uid": token.uid, "user": user_json(user)}


@blp.route("/logout")
class Logout(MethodView):
    @require_role("researcher")
    @blp.response(200, AuthMessageSchema)
    def post(self):
        """Revoke the token this request was made with."""
        stores, user = caller()
        if current_token() is None:
            abort(400, message="this request was made with a workspace session, not a token: "
                               "sign out of the workspace at POST /sign-out")
        accounts.revoke_token(stores.vault, stores.database("vault"), current_token(),
                              actor=user.email)
        return {"message": "signed out: this token is revoked"}


@blp.route("/me")
class Me(MethodView):
    @require_role("researcher")
    @blp.response(200, AuthUserSchema)
    def get(self):
        """The signed-in user and their role."""
        _, user = caller()
        return user_json(user)


@blp.route("/invitations/accept")
class AcceptInvitation(MethodView):
    @rate_limit("login", client_ip)
    @blp.arguments(AcceptInvitationSchema)
    @blp.response(200, AuthUserSchema)
    @blp.alt_response(422, description="The invitation is unknown, used or expired, or the "
                                       "password too short")
    def post(self, body: dict):
        """Redeem the invitation an admin gave you: set your password (then sign in)."""
        stores = vault()
        with http_errors("invitation"):
            user = accounts.accept_invitation(stores.vault, stores.database("vault"),
                                              body["invitation"], body["password"])
        return user_json(user)
