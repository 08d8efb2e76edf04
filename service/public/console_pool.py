"""Console queries run in worker processes: a few at a time, one per account, and a web
thread never waits for one longer than its timeout (plus :data:`MARGIN_S`).

Why processes, not threads: a query the database cannot stop keeps its Bolt
connection waiting, and the driver reads a result value whole before handing it
over, however large. In a worker process neither touches the web process: the
request stops waiting at the deadline, the worker is killed (its connection
closes, so the server stops sending) and a new one takes its place, and a worker's
memory is capped (:data:`WORKER_MEMORY`).

Around the workers:

- **Admission**: an account with a query still running, or still being stopped on
  the server, is refused (409); when every worker is taken, the request is refused
  at once (503 with Retry-After) rather than queued behind a slow query.
- **A watchdog thread**, while queries run, lists the console's transactions on the
  public store (``SHOW TRANSACTIONS``, by the ``console_job`` each carries in its
  metadata) and terminates those over the console's memory limit (Neo4j's own
  estimate of the heap a query uses) or past their deadline; after a worker was
  killed, it terminates the abandoned transaction and frees the account only once
  the server no longer lists it. A transaction the server cannot stop thus keeps
  its account (and a worker's share of the console) blocked rather than letting
  the next query pile on.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import resource
import signal
import threading
import time
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.messages import N_, Message
from graph.settings import Settings, StoreSettings, parse_bytes
from service.shared import Claims, MemoryClaims

log = logging.getLogger(__name__)

#: Seconds a request waits beyond the query's timeout (planning and the answer's
#: transfer and shaping) before the worker is killed.
MARGIN_S = 2.0
#: Heap and data a worker process may hold (the answer is at most a few megabytes).
WORKER_MEMORY = 512 * 2**20
#: A worker idle this long exits (the pool starts another when needed).
IDLE_EXIT_S = 120.0
#: How often the watchdog looks at the console's transactions while any runs.
WATCH_EVERY_S = 0.25
#: A transaction still listed this long after its worker was killed is logged as stuck.
STUCK_AFTER_S = 5.0
#: How long an account's claim outlives its query's deadline if nothing frees it (its process
#: died): long enough for the watchdog to see the server stop the query, short enough that a
#: crash does not lock the account out for long. A query still being stopped is re-claimed.
CLAIM_GRACE_S = 60.0

class ConsoleBusy(Exception):
    """The query was not started: the account has one running (409) or every worker is
    taken (503)."""

    def __init__(self, status: int, reason: str, message: Message,
                 retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.retry_after = retry_after


@dataclass
class _Job:
    id: str
    account: str
    deadline: float
    stopped_for: str | None = None  # "memory" or "timeout", when the watchdog terminated it
    abandoned_at: float | None = None
    logged_stuck: bool = False


@dataclass
class _Worker:
    process: Any
    conn: Any
    last_used: float = field(default_factory=time.monotonic)

    def usable(self) -> bool:
        return self.process.is_alive() and time.monotonic() - self.last_used < IDLE_EXIT_S - 10

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(timeout=5)
        finally:
            self.conn.close()


_POOLS: weakref.WeakSet[ConsolePool] = weakref.WeakSet()


class ConsolePool:
    """Worker processes for one app; ``admin`` is the app's public driver, used by the
    watchdog to list and terminate the console's transactions."""

    def __init__(self, store: StoreSettings, password: str, admin: Driver, workers: int,
                 memory_limit: int, claims: Claims | None = None):
        if workers < 1:
            raise ValueError("the console needs at least one worker")
        self.store = store
        self._password = password
        self.admin = admin
        self.database = store.database
        self.workers = workers
        self.memory_limit = memory_limit
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._running: dict[str, _Job] = {}
        self._stopping: dict[str, _Job] = {}
        # One query per account, across every process of the app when claims are shared
        # (service/shared.py): the claim is taken at admission and freed when the query has
        # finished, or, for a query stopped on the server, once the server no longer lists it.
        self.claims: Claims = claims or MemoryClaims()
        self._wake = threading.Event()
        self._watchdog: threading.Thread | None = None
        self._closed = False
        _POOLS.add(self)

    # -- the request's side -------------------------------------------------
    def run(self, account: str, query: str, params: dict, timeout: float,
            lang: str = "en") -> dict:
        """Run the query in a worker; raises ``console.ConsoleRefusal`` (refused, timed out,
        over the memory limit), :class:`ConsoleBusy`, or ``ServiceUnavailable``."""
        from service.public.console import ConsoleRefusal, timed_out

        job = self._admit(account, timeout)
        worker = None
        try:
            worker = self._take_worker()
            worker.conn.send((job.id, query, params, timeout, lang))
            answer = worker.conn.recv() if worker.conn.poll(timeout + MARGIN_S) else None
        except (EOFError, OSError) as exc:  # the worker died (out of memory) under the query
            log.warning("console worker failed: %s", exc)
            self._abandon(job, worker)
            raise ConsoleRefusal("memory", N_("the console's worker stopped while handling this "
                                              "query (it holds at most %(mb)s MB)",
                                              mb=WORKER_MEMORY // 2**20)) from exc
        except BaseException:
            self._abandon(job, worker)
            raise
        if answer is None:  # past the deadline: the worker is killed, the server told to stop
            self._abandon(job, worker)
            raise ConsoleRefusal("timeout", timed_out(timeout))
        self._finish(job, worker)
        kind, *rest = answer
        if kind == "ok":
            return rest[0]
        if kind == "unavailable":
            raise ServiceUnavailable(rest[0])
        if kind == "refused":
            reason, message = rest
            if job.stopped_for == "memory":
                reason, message = "memory", N_(
                    "the query used more than the console's %(mb)s MB of database memory and was "
                    "stopped", mb=self.memory_limit // 2**20)
            raise ConsoleRefusal(reason, message)
        raise RuntimeError(f"console worker error: {rest[0]}")

    def _admit(self, account: str, timeout: float) -> _Job:
        with self._lock:
            if self._closed:
                raise ConsoleBusy(503, "closed", N_("the console is shutting down"))
            job = _Job(uuid.uuid4().hex, account, time.monotonic() + timeout)
            if not self.claims.claim(_claim_key(account), job.id, timeout + CLAIM_GRACE_S):
                raise ConsoleBusy(409, "busy", N_("you already have a console query running (or "
                                                  "being stopped on the database): one at a "
                                                  "time; try again when it has finished"))
            if len(self._running) + len(self._stopping) >= self.workers:
                self.claims.release(_claim_key(account), job.id)
                raise ConsoleBusy(503, "saturated", N_("the console is busy: %(count)s queries "
                                                       "are running; try again shortly",
                                                       count=self.workers),
                                  retry_after=int(timeout + MARGIN_S))
            self._running[job.id] = job
        self._ensure_watchdog()
        return job

    def _take_worker(self) -> _Worker:
        stale = []
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.usable():
                    break
                stale.append(worker)
            else:
                worker = None
        for old in stale:  # idle too long: exiting on their own, or gone
            old.kill()
        return worker or self._start_worker()

    def _start_worker(self) -> _Worker:
        context = _context()
        parent, child = context.Pipe()
        process = context.Process(target=serve, args=(child, self.store, self._password,
                                                      WORKER_MEMORY),
                                  name="footprints-console", daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _finish(self, job: _Job, worker: _Worker | None) -> None:
        with self._lock:
            self._running.pop(job.id, None)
            self.claims.release(_claim_key(job.account), job.id)
            if worker is not None:
                worker.last_used = time.monotonic()
                if self._closed:
                    worker.kill()
                else:
                    self._idle.append(worker)

    def _abandon(self, job: _Job, worker: _Worker | None) -> None:
        """Kill the worker; the account stays blocked until the server has stopped the
        transaction (the watchdog checks)."""
        if worker is not None:
            worker.kill()
        with self._lock:
            self._running.pop(job.id, None)
            job.abandoned_at = time.monotonic()
            self._stopping[job.id] = job
        self._wake.set()

    # -- the watchdog -------------------------------------------------------
    def _ensure_watchdog(self) -> None:
        with self._lock:
            if self._watchdog is None or not self._watchdog.is_alive():
                self._watchdog = threading.Thread(target=self._watch, daemon=True,
                                                  name="footprints-console-watchdog")
                self._watchdog.start()
        self._wake.set()

    def _watch(self) -> None:
        while not self._closed:
            with self._lock:
                active = bool(self._running or self._stopping)
            if not active:
                self._wake.wait(30)
                self._wake.clear()
                continue
            try:
                self.look_once()
            except (Neo4jError, ServiceUnavailable, SessionExpired, OSError) as exc:
                log.warning("console watchdog could not list transactions: %s", exc)
            time.sleep(WATCH_EVERY_S)

    def look_once(self) -> None:
        """One look at the console's transactions: terminate what is over its memory or
        its deadline, or abandoned; free accounts whose transaction is gone."""
        rows = self._console_transactions()
        now = time.monotonic()
        listed = set()
        to_terminate = []
        with self._lock:
            for row in rows:
                job_id = row["job"]
                listed.add(job_id)
                job = self._running.get(job_id)
                if job is not None:
                    if (row["heap"] or 0) > self.memory_limit and job.stopped_for is None:
                        job.stopped_for = "memory"
                        to_terminate.append(row["id"])
                    elif now > job.deadline + MARGIN_S / 2 and job.stopped_for is None:
                        job.stopped_for = "timeout"
                        to_terminate.append(row["id"])
                elif job_id in self._stopping:
                    to_terminate.append(row["id"])
                    stuck = self._stopping[job_id]
                    # still on the server: the account stays blocked, in every process
                    self.claims.refresh(_claim_key(stuck.account), job_id, CLAIM_GRACE_S)
                    if now - (stuck.abandoned_at or now) > STUCK_AFTER_S and not stuck.logged_stuck:
                        stuck.logged_stuck = True
                        log.warning("console query %s of %s is still running on the public "
                                    "store %.0f s after it was terminated; the account stays "
                                    "blocked until it ends", job_id, stuck.account,
                                    now - (stuck.abandoned_at or now))
            for job_id in [j for j in self._stopping if j not in listed]:
                self.claims.release(_claim_key(self._stopping.pop(job_id).account), job_id)
        if to_terminate:
            self.admin.execute_query("TERMINATE TRANSACTIONS $ids", ids=to_terminate,
                                     database_=self.database)

    def _console_transactions(self) -> list[dict]:
        records, _, _ = self.admin.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData, estimatedUsedHeapMemory "
            "WHERE metaData.console_job IS NOT NULL "
            "RETURN transactionId AS id, metaData.console_job AS job, "
            "estimatedUsedHeapMemory AS heap", database_=self.database)
        return [r.data() for r in records]

    def worker_pids(self) -> list[int]:
        """The idle workers' pids (tests pause one to see the deadline hold)."""
        with self._lock:
            return [w.process.pid for w in self._idle]

    def state(self) -> dict[str, int]:
        """Counts, for tests and health checks."""
        with self._lock:
            return {"running": len(self._running), "stopping": len(self._stopping),
                    "idle_workers": len(self._idle),
                    "accounts": len({j.account for j in (*self._running.values(),
                                                         *self._stopping.values())})}

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()
        self._wake.set()


_CREATE = threading.Lock()


def app_pool() -> ConsolePool:
    """The current app's pool, started at its first console query."""
    from flask import current_app

    from service.stores import public_driver, public_store

    with _CREATE:
        pool = current_app.extensions.get("footprints.console_pool")
        if pool is None:
            settings: Settings = current_app.config["SETTINGS"]
            driver, _ = public_driver()
            pool = ConsolePool(*public_store(), driver, settings.console_workers,
                               parse_bytes(settings.console_memory),
                               current_app.extensions.get("footprints.claims"))
            current_app.extensions["footprints.console_pool"] = pool
            # an app that goes away (tests make many) takes its workers with it
            weakref.finalize(current_app._get_current_object(), pool.close)
        return pool


def _claim_key(account: str) -> str:
    return f"console:{account}"


def _context():
    """Workers fork from a clean server process (forking the threaded web process is
    unsafe), with the console's modules imported once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["service.public.console", "neo4j"])
    return context


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()


# -- the worker process -------------------------------------------------------
def serve(conn, store: StoreSettings, password: str, memory: int) -> None:
    """A worker's loop: one query at a time from ``conn``, answered as ``("ok", result)``,
    ``("refused", reason, message)``, ``("unavailable", message)`` or ``("error", text)``.
    It is given the public graph's address and password, nothing of the vault's."""
    from neo4j import GraphDatabase

    from service.public import console

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the web process handles Ctrl-C
    _limit_memory(memory)
    driver = None
    try:
        while conn.poll(IDLE_EXIT_S):
            message = conn.recv()
            if message is None:
                break
            job_id, query, params, timeout, lang = message
            if driver is None:
                driver = GraphDatabase.driver(store.uri, auth=(store.user, password),
                                              max_connection_pool_size=1, connection_timeout=5.0,
                                              notifications_min_severity="OFF",
                                              **store.tls_options())
            try:
                answer: tuple = ("ok", console.run(
                    query, params, timeout=timeout, driver=driver, database=store.database,
                    lang=lang,
                    metadata={"app": "footprints-console", "console_job": job_id}))
            except console.ConsoleRefusal as exc:
                answer = ("refused", exc.reason, exc.message)
            except (ServiceUnavailable, SessionExpired) as exc:
                answer = ("unavailable", str(exc))
            except MemoryError:
                conn.send(("refused", "memory", N_("the query's answer was larger than the "
                                                   "console holds (%(mb)s MB)",
                                                   mb=memory // 2**20)))
                break  # start afresh: memory may be fragmented
            except Exception as exc:  # noqa: BLE001 (reported to the web process, which logs it)
                answer = ("error", f"{type(exc).__name__}: {exc}")
            conn.send(answer)
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    finally:
        if driver is not None:
            driver.close()


def _limit_memory(budget: int) -> None:
    """Cap the worker's data segment at what it uses now plus ``budget``: a huge answer is
    then a MemoryError in the worker, not a swap storm for the machine."""
    try:
        with open("/proc/self/status") as status:
            used = next(int(line.split()[1]) * 1024 for line in status
                        if line.startswith("VmData:"))
    except (OSError, StopIteration, ValueError):
        return
    resource.setrlimit(resource.RLIMIT_DATA, (used + budget, used + budget))
