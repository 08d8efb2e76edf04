"""The dashboard's counts, recounted in the background after an incremental publication.

A full publication stores the counts the public dashboard shows in the same transaction
as the graph. An incremental one (a withdrawal, an editor's change) does not: counting
takes longer than the change itself, and a withdrawal must not wait for it
(docs/performance.md). Until the counts are stored again, readers count live
(service/public/stats.py), so nobody ever reads counts of an older graph.

A :class:`DashboardRecount` counts in a thread once changes have paused, and stores the
counts only if the public graph is still at the version they were counted on. Each
:class:`graph.connections.Stores` owns one: every republish through those stores hands
it its job, and closing the stores waits for a pending recount, which needs their drivers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver

from graph import queries

log = logging.getLogger(__name__)


def store_counts(public: Driver, public_db: str, revision: int, published_at: str) -> bool:
    """Count the dashboard now and store the counts if the public graph is still at
    ``revision`` / ``published_at`` (a later change has its own recount). Whether they
    were stored."""
    statistics = json.dumps(queries.run(public, "public/count_statistics", database=public_db))
    rows = queries.run(public, "publication/set_public_statistics", database=public_db,
                       revision=revision, published_at=published_at, statistics=statistics)
    return bool(rows and rows[0]["stored"])


class DashboardRecount:
    """Recounts in one thread at a time, the newest version of each public graph only.

    ``quiet_s`` is how long changes must have paused before a count starts: a burst of
    changes (an editor withdrawing several consents, an import of judgements) costs one
    count at its end, and no change in the burst competes with a count for the cores."""

    QUIET_S = 1.0

    def __init__(self, quiet_s: float = QUIET_S) -> None:
        self.quiet_s = quiet_s
        self._cond = threading.Condition()
        self._jobs: dict[tuple[int, str], tuple[Driver, str, int, str]] = {}  # newest version
        self._worker: threading.Thread | None = None
        self._last_change = 0.0
        self._changing = 0
        self._flush = False

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Hold recounts back while a republish runs, and for ``quiet_s`` after it ends: a
        count that started during an editor's next withdrawal would take the cores from it."""
        with self._cond:
            self._changing += 1
        try:
            yield
        finally:
            with self._cond:
                self._changing -= 1
                self._last_change = time.monotonic()
                self._cond.notify_all()

    def later(self, public: Driver, public_db: str, revision: int, published_at: str) -> None:
        """Count the dashboard once changes have paused, and store the counts if the public
        graph is still at this version. The thread is not a daemon: a command that
        republished waits for it at exit."""
        with self._cond:
            self._jobs[id(public), public_db] = (public, public_db, revision, published_at)
            self._last_change = time.monotonic()
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="footprints-recount")
                self._worker.start()
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> None:
        """Recount now what is waiting for a pause, and return when it is stored."""
        with self._cond:
            worker = self._worker
            if worker is None:
                return
            self._flush = True
            self._cond.notify_all()
        worker.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._jobs and not self._flush:
                    left = self._last_change + self.quiet_s - time.monotonic()
                    if left <= 0 and not self._changing:
                        break
                    self._cond.wait(left if left > 0 else None)
                if not self._jobs:
                    self._worker, self._flush = None, False
                    return
                _, (public, public_db, revision, published_at) = self._jobs.popitem()
            try:
                store_counts(public, public_db, revision, published_at)
            except Exception as exc:  # noqa: BLE001 - nothing to report to: readers count live
                log.warning("dashboard recount of revision %s failed: %s", revision, exc)
