"""Small measuring helpers: timers, percentiles, process memory."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import READ_ACCESS, Driver

from graph import queries


def timed(fn: Callable, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def percentiles(samples_s: list[float]) -> dict:
    """p50/p95/mean in milliseconds."""
    if not samples_s:
        return {"n": 0}
    ordered = sorted(samples_s)

    def pct(p: float) -> float:
        k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
        return ordered[k] * 1000

    return {"n": len(ordered), "p50_ms": round(pct(50), 2), "p95_ms": round(pct(95), 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


def rss_mib(pid: int | None = None) -> float | None:
    path = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in path.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def tree_rss_mib(pid: int) -> float | None:
    """The resident memory of ``pid`` and every process below it (a gunicorn arbiter and its
    workers; the console's worker processes), in MiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += rss_mib(current) or 0.0
        stack.extend(children.get(current, []))
    return round(total, 1) if total else None


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def recording() -> Iterator[list[tuple[str, dict]]]:
    """Every named query run (name, params) by this thread while the block runs, so that
    the same queries can be replayed through the raw driver as the baseline of what was
    timed."""
    calls: list[tuple[str, dict]] = []
    real = queries.run
    # This thread's only (the test client answers in it): a background thread of the app —
    # the dashboard's recount after a publication — may run queries, writes among them,
    # meanwhile; they are not part of what was timed.
    owner = threading.get_ident()

    def spy(driver, name, database="neo4j", timeout=None, **params):
        if threading.get_ident() == owner:
            calls.append((name, params))
        return real(driver, name, database=database, timeout=timeout, **params)

    queries.run = spy
    try:
        yield calls
    finally:
        queries.run = real


def raw_time(driver: Driver, database: str, calls: list[tuple[str, dict]]) -> float:
    """Seconds to replay ``calls`` (named queries and their params) through the raw driver,
    in a read session as the app's public reads are."""
    started = time.perf_counter()
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        for name, params in calls:
            list(session.run(queries.text(name), params))
    return time.perf_counter() - started
