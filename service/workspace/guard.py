"""Who may open a workspace page: a full session (else to signing in, or to the stage of
signing in the session is at), one of the page's roles through the role grants (else
403), and on every write the session's CSRF token (else 403, before anything is read)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _

from service.auth import granted
from service.vault.accounts import User
from service.workspace import sessions
from service.workspace.roles import role_label

#: Methods that never write.
SAFE = ("GET", "HEAD", "OPTIONS")


def require(*roles: str) -> Callable:
    """Decorator for workspace views; ``roles`` empty means any signed-in user."""

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any):
            session = sessions.current()
            if session is None or not session.full:
                if session is not None and session.stage == "enrol":
                    return redirect(url_for("workspace.enrol"))
                if session is not None and session.stage == "password":
                    return redirect(url_for("workspace.second_factor"))
                target = request.full_path.rstrip("?") if request.method in SAFE else None
                return redirect(url_for("workspace.sign_in", next=target))
            if roles and not granted(session.user.role) & set(roles):
                abort(403, description=_("This page is for the role %(roles)s.",
                                         roles=" / ".join(role_label(r) for r in roles)))
            if request.method not in SAFE:
                sessions.check_csrf()
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def user() -> User:
    """The signed-in user of a view behind :func:`require`."""
    found = sessions.signed_in_user()
    if found is None:  # require() ran first; this is a programming error
        raise RuntimeError("user() outside a view guarded by require()")
    return found
