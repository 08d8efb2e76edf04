"""Claims: what the app's processes must agree on, held in one place.

A claim is a key held by one owner until it is released or its time runs out: the console's
one-query-per-account rule (``console:<account>``) and the documents worker's lease (one
process processes uploads at a time). With one process a dict does (:class:`MemoryClaims`);
with several (``footprints serve --workers N``) they live in Redis (:class:`RedisClaims`,
``FOOTPRINTS_REDIS_URL``), where ``SET NX PX`` takes a claim atomically and small Lua
scripts release or extend it only for its owner, so a process never frees another's claim.
The time limit is the safety net: a process killed while holding a claim does not block
its key for longer than the claim's ``ttl``.

Rate-limit counters are shared the same way, through Flask-Limiter's own Redis storage
(service/ratelimit.py). Sign-in sessions already live in the vault (cypher/sessions/).
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

PREFIX = "footprints:"

#: Delete the key only if it still holds this owner.
_RELEASE = """if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1]) else return 0 end"""
#: Extend the key's time only if it still holds this owner.
_REFRESH = """if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"""


class Claims(Protocol):
    def claim(self, key: str, owner: str, ttl: float) -> bool:
        """Take ``key`` for ``owner`` for ``ttl`` seconds; False if another holds it."""

    def release(self, key: str, owner: str) -> None:
        """Free ``key`` if ``owner`` holds it."""

    def refresh(self, key: str, owner: str, ttl: float) -> bool:
        """Hold ``key`` ``ttl`` seconds from now if ``owner`` holds it; whether it does."""

    def holder(self, key: str) -> str | None:
        """Who holds ``key`` now."""


class MemoryClaims:
    """Claims within one process."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def _current(self, key: str) -> str | None:
        held = self._held.get(key)
        if held and held[1] <= time.monotonic():
            del self._held[key]
            return None
        return held[0] if held else None

    def claim(self, key: str, owner: str, ttl: float) -> bool:
        with self._lock:
            if self._current(key) is not None:
                return False
            self._held[key] = (owner, time.monotonic() + ttl)
            return True

    def release(self, key: str, owner: str) -> None:
        with self._lock:
            if self._current(key) == owner:
                del self._held[key]

    def refresh(self, key: str, owner: str, ttl: float) -> bool:
        with self._lock:
            if self._current(key) != owner:
                return False
            self._held[key] = (owner, time.monotonic() + ttl)
            return True

    def holder(self, key: str) -> str | None:
        with self._lock:
            return self._current(key)


class RedisClaims:
    """Claims shared by every process connected to one Redis."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=5, decode_responses=True)
        self._release = self.client.register_script(_RELEASE)
        self._refresh = self.client.register_script(_REFRESH)

    def claim(self, key: str, owner: str, ttl: float) -> bool:
        return bool(self.client.set(PREFIX + key, owner, nx=True, px=_ms(ttl)))

    def release(self, key: str, owner: str) -> None:
        self._release(keys=[PREFIX + key], args=[owner])

    def refresh(self, key: str, owner: str, ttl: float) -> bool:
        return bool(self._refresh(keys=[PREFIX + key], args=[owner, _ms(ttl)]))

    def holder(self, key: str) -> str | None:
        return self.client.get(PREFIX + key)

    def close(self) -> None:
        self.client.close()


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


def claims_for(redis_url: str | None) -> Claims:
    """Redis claims when a Redis is configured, else this process's own."""
    return RedisClaims(redis_url) if redis_url else MemoryClaims()
