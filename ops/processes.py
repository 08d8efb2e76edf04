"""The servers the project starts (Neo4j, S3Proxy) as processes: whether one still runs,
and how it is stopped. One place, so that both are stopped the same careful way."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def alive(pid: int) -> bool:
    """True while ``pid`` runs; a zombie (a child of ours that exited) is reaped and counts
    as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    if state == "Z":
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        return False
    return True


def terminate(pid: int, timeout: float, poll: float = 0.1) -> None:
    """SIGTERM, then SIGKILL if the process still runs after ``timeout`` seconds; returns
    once it is gone."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive(pid):
        time.sleep(poll)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)
        while alive(pid):
            time.sleep(poll / 2)
