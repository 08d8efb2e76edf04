"""CPU time of a local Neo4j server, read from /proc: what the console tests measure to
show that a stopped query really stopped (the server's word for it is not enough:
Neo4j reported queries "Terminated" that kept a core busy for 25 minutes)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from graph.settings import Settings, StoreSettings

_TICK = os.sysconf("SC_CLK_TCK")
#: Busy below this share of one core counts as idle (background work, the watchdog's
#: own SHOW TRANSACTIONS, garbage collection).
IDLE_CORES = 0.25


def server_pid(settings: Settings, store: StoreSettings) -> int | None:
    """The pid of the local server of ``store`` (None when the store is given by URI)."""
    from ops.neo4j.control import Instance

    return Instance(settings, store).pid() if store.managed else None


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def cores_busy(pid: int, window: float = 1.0) -> float:
    """Cores the process kept busy over the next ``window`` seconds."""
    before = cpu_seconds(pid)
    time.sleep(window)
    return (cpu_seconds(pid) - before) / window


def seconds_until_idle(pid: int, within: float, window: float = 1.0) -> float | None:
    """Seconds until a ``window`` in which the process stayed under :data:`IDLE_CORES`
    (counted from now to the window's end), or None if not within ``within`` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < within:
        if cores_busy(pid, window) < IDLE_CORES:
            return time.monotonic() - start
    return None
