"""Results of the heavier public reads, kept until the public graph changes.

Every change to the public graph goes through graph/publication.py, which bumps
``PublicMeta.revision`` and stamps ``published_at`` in the same transaction as
the change. A cached result is keyed on both, so the first read after any
publication — full, incremental or a withdrawal — misses and recomputes: a
withdrawn person can never be served from the cache. (``published_at`` is in
the key too because a wiped and re-published graph starts counting revisions
again.) A public graph without that metadata is never cached.

One cache per app (per worker process), bounded, least recently used first out.
Callers get a deep copy, so a view that decorates a result cannot change it.
"""

from __future__ import annotations

import functools
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app, g, has_request_context

from service.stores import public_query

T = TypeVar("T")
DEFAULT_SIZE = 512


class PublicCache:
    def __init__(self, size: int = DEFAULT_SIZE):
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.size <= 0:
            return compute()
        version = public_version()
        if version is None:
            return compute()
        full_key = (version, key)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                self.hits += 1
                return _copy(self._entries[full_key])
        value = compute()
        with self._lock:
            self.misses += 1
            # Entries of older versions can never be hit again: drop them first.
            for stale in [k for k in self._entries if k[0] != version]:
                del self._entries[stale]
            self._entries[full_key] = _copy(value)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _copy(value):
    """A deep copy, so that no caller can change what others will be served. Through
    pickle, which is quicker than ``copy.deepcopy`` (docs/performance.md)."""
    return pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def public_version() -> tuple | None:
    """``(revision, published_at)`` of the public graph, or None without metadata.

    Asked once per request (a profile page reads several cached results); outside a
    request, every call asks the public graph.
    """
    if has_request_context() and "public_version" in g:
        return g.public_version
    row = public_query("public/match_public_version")[0]
    version = None if row["revision"] is None else (row["revision"], row["published_at"])
    if has_request_context():
        g.public_version = version
    return version


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from the app's cache for the current public graph."""
    return current_app.extensions["footprints.public_cache"].get(key, compute)


def frozen(value) -> Hashable:
    """A hashable form of call arguments: lists and sets as tuples, dicts as sorted pairs,
    anything else (dates, ...) as its string."""
    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(frozen(v) for v in value))
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def per_revision(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorate a public read so its results are kept until the public graph changes."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = (fn.__module__, fn.__qualname__, frozen(args), frozen(kwargs))
        return cached(key, lambda: fn(*args, **kwargs))

    return wrapper
