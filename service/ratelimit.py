"""A small in-process sliding-window rate limiter, and a decorator for views.

Guessing passwords and hammering the Cypher console are the two abuses worth
slowing down. The window slides (a log of hit times per key, not fixed
minute buckets), so a burst across a minute boundary still counts as one
minute's worth. State is per process: enough for one waitress process; a
deployment with several processes behind a balancer gets limits per process.

Limits are configuration (``app.config["RATELIMITS"]``, e.g. ``{"login":
"10/minute"}``) with the defaults below; an exceeded limit is a 429 in the
API's one error shape with ``Retry-After``.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask_smorest import abort

from service.auth import current_token

DEFAULTS = {"login": "10/minute", "cypher": "30/minute"}
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(\d+)?\s*(second|minute|hour|day)s?\s*$")


def parse_limit(text: str) -> tuple[int, float]:
    """``"10/minute"`` -> (10, 60.0); ``"30/5 minutes"`` -> (30, 300.0)."""
    match = _LIMIT.match(text)
    if not match:
        raise ValueError(f"not a rate limit: {text!r} (e.g. '10/minute')")
    count, multiple, unit = match.groups()
    return int(count), float(int(multiple or 1) * _UNITS[unit])


class SlidingWindowLimiter:
    """Per-key logs of hit times; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window: float) -> float | None:
        """Count a hit; None if allowed, else the seconds until the next hit would be."""
        now = self._clock()
        with self._lock:
            log = self._hits.setdefault(key, deque())
            while log and log[0] <= now - window:
                log.popleft()
            if len(log) >= limit:
                return max(log[0] + window - now, 0.001)
            log.append(now)
            if len(self._hits) > 10_000:
                self._sweep(now, window)
            return None

    def _sweep(self, now: float, window: float) -> None:
        for key in [k for k, log in self._hits.items() if not log or log[-1] <= now - window]:
            del self._hits[key]

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


def limiter() -> SlidingWindowLimiter:
    """The app's limiter (one per app, so each test app starts with a clean slate)."""
    return current_app.extensions.setdefault("footprints.ratelimit", SlidingWindowLimiter())


def limit_for(name: str) -> tuple[int, float]:
    configured = current_app.config.get("RATELIMITS", {})
    return parse_limit(configured.get(name, DEFAULTS[name]))


def client_ip() -> str:
    return request.remote_addr or "unknown"


def rate_limit(name: str, key: Callable[[], str]) -> Callable:
    """Decorator: at most the limit named ``name`` per ``key()`` (e.g. per IP and e-mail, or
    per token) in a sliding window; 429 with Retry-After beyond it. Apply it under
    ``require_role`` when the key needs the authenticated user."""
    if name not in DEFAULTS:
        raise ValueError(f"no default for rate limit {name!r}")

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any):
            count, window = limit_for(name)
            wait = limiter().hit(f"{name}:{key()}", count, window)
            if wait is not None:
                seconds = math.ceil(wait)
                abort(429, message=f"too many requests: at most {count} per {window:g} s; "
                                   f"try again in {seconds} s",
                      headers={"Retry-After": str(seconds)})
            return fn(*args, **kwargs)

        doc = getattr(wrapper, "_apidoc", {})
        doc.setdefault("manual_doc", {}).setdefault("responses", {}).setdefault(
            "429", {"description": "Rate limit exceeded (see Retry-After)"})
        wrapper._apidoc = doc
        return wrapper

    return decorator


def login_key() -> str:
    """Per client IP and e-mail address, so one address cannot be guessed at from one place
    and one client cannot lock everyone out."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"{client_ip()}|{str(email or '').strip().lower()[:320]}"


def token_key() -> str:
    """Per API token (per IP when anonymous)."""
    return current_token() or f"ip:{client_ip()}"
