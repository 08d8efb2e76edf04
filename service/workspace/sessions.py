"""Server-side sessions of the signed-in workspace, and the checks every workspace page
makes: who is signed in, may they see this page, and did this form come from our page.

A session lives in the vault as a ``Session`` node; the browser holds only a random
secret in a cookie (``Secure``, ``HttpOnly``, ``SameSite=Strict``), and the vault only its
sha256. Signing in goes through stages: ``password`` (the password was right; a second
factor is due), ``enrol`` (an editor or admin without a second factor must set one up
first) and ``full``. Each stage is a new session with a new secret, so the session id
changes at sign-in and a secret seen before sign-in is worth nothing after it. Sessions
end when idle for ``settings.session_idle_minutes`` and at the latest
``settings.session_hours`` after sign-in, at sign-out, and when the account is disabled
or its second factor reset.

Every form that writes carries the session's CSRF token (a hidden field, or the
``X-CSRF-Token`` header for scripts): a write without it, or with another session's,
is refused before anything is read. Workspace answers are never cached (``no-store``):
nothing of the vault may stay in a browser's or a proxy's cache, or in the public cache.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Response, abort, current_app, g, request
from flask_babel import gettext as _

from graph import queries
from service.stores import vault as stores_vault
from service.vault.accounts import User

COOKIE = "fp_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
STAGES = ("password", "enrol", "full")
#: How long a stage before ``full`` may last.
STAGE_MINUTES = 10
#: The idle clock is restarted at most this often (a write per request is not needed).
TOUCH_EVERY_S = 60


@dataclass(frozen=True)
class Session:
    uid: str
    stage: str
    csrf: str
    user: User
    has_totp: bool
    pending_totp: str | None = None

    @property
    def full(self) -> bool:
        return self.stage == "full"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _settings():
    return current_app.config["SETTINGS"]


def start(user_uid: str, stage: str, pending_totp: str | None = None) -> tuple[str, str]:
    """A new session for the user at ``stage``: (its uid, the cookie's secret)."""
    if stage not in STAGES:
        raise ValueError(f"no stage {stage!r}")
    settings = _settings()
    stores = stores_vault()
    # Sessions past their expiry are swept here, at each sign-in step: they no longer work
    # (match_session checks), and this keeps the vault from collecting them.
    queries.run(stores.vault, "sessions/delete_expired_sessions", database=stores.database("vault"))
    secret = secrets.token_urlsafe(32)
    uid = f"ses-{secrets.token_hex(8)}"
    full = stage == "full"
    rows = queries.run(stores.vault, "sessions/create_session", database=stores.database("vault"),
                       user=user_uid, uid=uid, secret_hash=_hash(secret), stage=stage,
                       csrf=secrets.token_urlsafe(32), pending_totp=pending_totp,
                       absolute_minutes=settings.session_hours * 60 if full else STAGE_MINUTES,
                       idle_minutes=settings.session_idle_minutes if full else STAGE_MINUTES)
    if not rows:
        raise LookupError("no enabled account")
    return uid, secret


def end(session_uid: str) -> None:
    stores = stores_vault()
    queries.run(stores.vault, "sessions/delete_session", database=stores.database("vault"),
                uid=session_uid)


def set_pending_totp(session_uid: str, secret: str) -> None:
    stores = stores_vault()
    queries.run(stores.vault, "sessions/set_pending_totp", database=stores.database("vault"),
                uid=session_uid, secret=secret)


def secure_cookies() -> bool:
    return _settings().session_secure


def set_cookie(response: Response, secret: str) -> Response:
    settings = _settings()
    response.set_cookie(COOKIE, secret, max_age=settings.session_hours * 3600, path="/",
                        secure=settings.session_secure, httponly=True, samesite="Strict")
    return response


def clear_cookie(response: Response) -> Response:
    settings = _settings()
    response.delete_cookie(COOKIE, path="/", secure=settings.session_secure, httponly=True,
                           samesite="Strict")
    return response


def current() -> Session | None:
    """The session of this request (any stage), or None; looked up once per request."""
    if "fp_session" in g:
        return g.fp_session
    found = None
    secret = request.cookies.get(COOKIE)
    if secret and len(secret) < 200:
        stores = stores_vault()
        rows = queries.run(stores.vault, "sessions/match_session",
                           database=stores.database("vault"), secret_hash=_hash(secret))
        if rows:
            row = rows[0]
            found = Session(uid=row["session"]["uid"], stage=row["session"]["stage"],
                            csrf=row["session"]["csrf"], user=User.from_row(row["user"]),
                            has_totp=row["user"]["totp"],
                            pending_totp=row["session"]["pending_totp"])
            _touch(stores, row["session"])
    g.fp_session = found
    return found


def _touch(stores, session: dict) -> None:
    seen = session["last_seen_at"].to_native()
    if (datetime.now(UTC) - seen).total_seconds() >= TOUCH_EVERY_S:
        queries.run(stores.vault, "sessions/touch_session", database=stores.database("vault"),
                    uid=session["uid"])


def signed_in_user() -> User | None:
    session = current()
    return session.user if session is not None and session.full else None


def csrf_token() -> str:
    session = current()
    return session.csrf if session is not None else ""


def check_csrf() -> None:
    """Refuse a write whose CSRF token is missing or not this session's (403)."""
    session = current()
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if session is None or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
        abort(403, description=_("the form's security token is missing or out of date: reload "
                                 "the page and send it again"))


def safe_next(target: str | None) -> str | None:
    """A path to go back to after sign-in: only a path of this site (no scheme, no host)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
