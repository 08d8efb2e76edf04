"""Rate limits, with Flask-Limiter: guessing passwords and hammering the Cypher console are
the two abuses worth slowing down.

- ``login``: per client address and e-mail address, so one account cannot be guessed
  at from one place;
- ``login_address``: per client address across all e-mail addresses, so one place
  cannot guess at many accounts (36 tries over 12 addresses used to go through);
- ``cypher``: per account (not per token: signing in again mints a new token);
- ``second_factor``: per account, codes typed at the workspace's second sign-in step
  (a million codes, 20 tries an hour);
- ``access_request``: per client address, researchers' requests for console access.

Limits are configuration, read at each request: ``app.config["RATELIMITS"]`` (from
the settings, ``FOOTPRINTS_RATELIMIT_<NAME>``) over :data:`DEFAULTS`, in Flask-Limiter's
notation (``"20/minute;30/hour"``). Counting is a moving window per limit: the
minute and the hour of one key are separate counters, so a short limit never resets a
long one. Counters live in ``settings.ratelimit_storage`` (``FOOTPRINTS_RATELIMIT_STORAGE``,
``memory://`` by default: per process, which is right for one waitress process; a
``redis://`` URI shares them between processes). An exceeded limit is a 429 in the
API's one error shape with ``Retry-After``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, render_template, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_smorest import Blueprint
from limits import parse_many

from service.auth import current_user

DEFAULTS = {"login": "10/minute", "login_address": "20/minute;30/hour", "cypher": "30/minute",
            "second_factor": "5/minute;20/hour", "access_request": "3/minute;10/day"}


def client_ip() -> str:
    return request.remote_addr or "unknown"


#: One limiter for the process; each app's ``init_app`` gives it that app's storage.
limiter = Limiter(key_func=client_ip, strategy="moving-window", headers_enabled=False)


def init_app(app: Flask, storage_uri: str, limits: dict[str, str]) -> None:
    unknown = set(limits) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"no such rate limit: {', '.join(sorted(unknown))} "
                         f"(known: {', '.join(DEFAULTS)})")
    app.config["RATELIMIT_STORAGE_URI"] = storage_uri
    app.config.setdefault("RATELIMITS", dict(limits))
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, too_many_requests)


def limit_for(name: str) -> str:
    return current_app.config.get("RATELIMITS", {}).get(name, DEFAULTS[name])


def rate_limit(name: str, key: Callable[[], str]) -> Callable:
    """Decorator: the limit named ``name`` per ``key()``; 429 with Retry-After beyond it.
    Stack several for several limits. Apply under ``require_role`` when the key needs
    the authenticated user."""
    if name not in DEFAULTS:
        raise ValueError(f"no default for rate limit {name!r}")
    limit = limiter.limit(lambda: limit_for(name), key_func=lambda: f"{name}:{key()}",
                          scope=name, error_message=lambda: _message(name))

    def decorator(fn: Callable) -> Callable:
        return Blueprint.doc(responses={
            "429": {"description": "Rate limit exceeded (see Retry-After)"}})(limit(fn))

    return decorator


def _message(name: str) -> str:
    return f"too many requests: at most {limit_for(name).replace(';', ' and ')}"


def too_many_requests(exc: RateLimitExceeded):
    from service.api.errors import error_body

    seconds = retry_after()
    if request.blueprint == "workspace":  # a form's page: say it in the page
        page = render_template("workspace/error.html", status=429,
                               reason=f"{exc.description}; try again in {seconds} s")
        return page, 429, {"Retry-After": str(seconds)}
    body, code = error_body(429, "Too Many Requests", f"{exc.description}; try again in "
                                                      f"{seconds} s")
    return body, code, {"Retry-After": str(seconds)}


def retry_after() -> int:
    """Seconds until every exhausted limit of this request's key admits another hit (at
    least 1): Flask-Limiter stops at the first limit breached, the minute, but the hour
    may be exhausted too."""
    breached = limiter.current_limit
    if breached is None:
        return 1
    name = breached.request_args[-1].rsplit(":", 1)[-1]
    items = parse_many(limit_for(name)) if name in DEFAULTS else [breached.limit]
    resets = [stats.reset_time for stats in (limiter.limiter.get_window_stats(
        item, *breached.request_args) for item in items) if stats.remaining == 0]
    return max(1, math.ceil(max(resets, default=breached.window[0]) - time.time()))


def login_key() -> str:
    """Per client address and e-mail address."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"{client_ip()}|{str(email or '').strip().lower()[:320]}"


def account_key() -> str:
    """Per account (the user's uid), whichever of its tokens the request carries."""
    user = current_user()
    return f"user:{user.uid}" if user is not None else f"ip:{client_ip()}"


def login_limits(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Both login limits: per address and e-mail, and per address."""
    return rate_limit("login_address", client_ip)(rate_limit("login", login_key)(fn))
