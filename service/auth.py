"""Who is calling, and may they: bearer tokens, roles, ``require_role``.

Every authenticated request carries ``Authorization: Bearer <token>``, or the
workspace's session cookie together with that session's CSRF token (the signed-in
pages call the API so); the token or session is looked up by its hash in the vault
on every request, so a revoked token, an ended session or a disabled account stops
working at once. The role hierarchy is
written out below rather than implied by an order: a lawyer is not an
investigator, an editor reads what both read, and an admin may do anything.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from flask_smorest import Blueprint, abort

from service.stores import vault
from service.vault import accounts
from service.vault.accounts import User
from service.workspace import sessions

#: Role -> the roles whose permissions it holds (itself included).
GRANTS: dict[str, frozenset[str]] = {
    "researcher": frozenset({"researcher"}),
    "investigator": frozenset({"researcher", "investigator"}),
    "lawyer": frozenset({"researcher", "lawyer"}),
    "editor": frozenset({"researcher", "investigator", "lawyer", "editor"}),
    "admin": frozenset(accounts.ROLES),
}
#: Those who read the vault (restricted records included).
VAULT_READERS = ("investigator", "lawyer")
REALM = 'Bearer realm="footprints"'
#: The OpenAPI security scheme of bearer tokens, and its name in the document.
BEARER_AUTH = "bearerAuth"
BEARER_SCHEME = {"type": "http", "scheme": "bearer"}


def granted(role: str) -> frozenset[str]:
    return GRANTS.get(role, frozenset())


def current_user() -> User | None:
    """The authenticated user of this request (None before authentication or when anonymous)."""
    return g.get("footprints_user")


def current_token() -> str | None:
    """The uid of the token this request was authenticated with."""
    return g.get("footprints_token")


def _unauthorized(message: str, error: str | None = None) -> None:
    header = REALM + (f', error="{error}"' if error else "")
    abort(401, message=message, headers={"WWW-Authenticate": header})


def _session_user() -> User | None:
    """The user of the workspace session this request carries, when it also carries that
    session's CSRF token in ``X-CSRF-Token`` (the workspace's own pages, e.g. the console,
    call the API so; a cookie alone is never enough: another site's page could send it)."""
    if sessions.COOKIE not in request.cookies:
        return None
    session = sessions.current()
    sent = request.headers.get(sessions.CSRF_HEADER, "")
    if session is None or not session.full or not sent or not hmac.compare_digest(
            sent.encode(), session.csrf.encode()):
        return None
    return session.user


def authenticate() -> User:
    """The user behind the request's bearer token, or behind its workspace session with
    the session's CSRF token; 401 (with WWW-Authenticate) otherwise."""
    user = current_user()
    if user is not None:
        return user
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if not header:
        user = _session_user()
        if user is not None:
            g.footprints_user, g.footprints_token = user, None
            return user
        _unauthorized("authentication required: send Authorization: Bearer <token>")
    if scheme.lower() != "bearer" or not secret.strip():
        _unauthorized("the Authorization header must be 'Bearer <token>'", "invalid_request")
    stores = vault()
    found = accounts.user_for_token(stores.vault, stores.database("vault"), secret.strip())
    if found is None:
        _unauthorized("the token is not valid (unknown, revoked, or its account is disabled)",
                      "invalid_token")
    g.footprints_user, g.footprints_token = found
    return found[0]


def require_role(*roles: str) -> Callable:
    """Decorator for views (MethodView methods included): the caller must be authenticated
    (401) and hold one of ``roles`` through ``GRANTS`` (403)."""
    unknown = set(roles) - set(GRANTS)
    if unknown or not roles:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any):
            user = authenticate()
            if not granted(user.role) & set(roles):
                abort(403, message=f"this needs the role {' or '.join(roles)}; "
                                   f"you are {user.role}")
            return fn(*args, **kwargs)

        # The OpenAPI document says the operation needs a bearer token (the API declares
        # the scheme: service.api.init_api), which roles it admits, and that it answers
        # 401 and 403.
        return Blueprint.doc(security=[{BEARER_AUTH: []}], **{"x-roles": list(roles)},
                             responses={
                                 "401": {"description": "No token, or a token that is not valid"},
                                 "403": {"description": f"Needs the role {' or '.join(roles)}"},
                             })(wrapper)

    return decorator
