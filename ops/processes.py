"""The servers the project starts (Neo4j, S3Proxy, Redis) as processes: whether one still
runs, what it was started as, whether its port is free, and how it is stopped. One place, so
that all are handled the same careful way."""

from __future__ import annotations

import os
import signal
import socket
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


def cmdline(pid: int) -> bytes:
    """The process's command line (NUL-separated), or empty when it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def port_taken(port: int) -> bool:
    """True when something listens on (or holds) the loopback ``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False
