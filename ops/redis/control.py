"""Start and stop a local Redis: what the app's processes share when it runs several.

Debian's ``redis-server`` (ops/install-system-deps.sh) is run as the project's own server,
never the system's service: a home under ``var/`` (``redis/``: conf, logs, run, and a
generated password), loopback only, a password required (``requirepass``), nothing saved
to disk (rate-limit counters, console claims and the documents worker's lease are
short-lived: a restart forgets them, which is safe). ``footprints serve --workers N`` starts
it when no ``FOOTPRINTS_REDIS_URL`` is configured; the tests start their own.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ops.processes import alive, cmdline, port_taken, terminate

DEFAULT_PORT = 6390


class RedisError(RuntimeError):
    """Something the operator must fix: redis-server missing, a taken port, a failed start."""


def find_server() -> str:
    server = shutil.which("redis-server")
    if not server:
        raise RedisError("redis-server is needed to run several processes and was not found "
                         "(run `make system-deps`, or install Debian's redis-server)")
    return server


@dataclass
class Redis:
    """One Redis server with its home."""

    home: Path
    port: int = DEFAULT_PORT
    maxmemory: str = "256mb"

    def __post_init__(self) -> None:
        self.home = Path(self.home).resolve()

    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "redis.conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "redis.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "redis.log"

    def password(self) -> str:
        """Generated once, kept in the home (0600)."""
        path = self.home / "password"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32) + "\n")
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def url(self) -> str:
        """The URL clients (redis-py, Flask-Limiter's storage) connect with."""
        return f"redis://:{quote(self.password(), safe='')}@127.0.0.1:{self.port}/0"

    def write_conf(self) -> None:
        for sub in ("conf", "logs", "run", "data"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.conf_file.write_text(f"""# Written by ops/redis/control.py; overwritten at each start.
bind 127.0.0.1
port {self.port}
protected-mode yes
requirepass {self.password()}
daemonize yes
pidfile {self.pid_file}
logfile {self.log_file}
dir {self.home / "data"}
save ""
appendonly no
maxmemory {self.maxmemory}
# Counters and claims must not vanish under memory pressure: refuse writes instead.
maxmemory-policy noeviction
""")
        self.conf_file.chmod(0o600)

    # -- process -------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of this home's running server, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if alive(pid) and b"redis-server" in cmdline(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def port_taken(self) -> bool:
        return port_taken(self.port)

    def start(self, timeout: float = 20.0) -> bool:
        """Start the server unless this home's runs already; wait until it answers. True if
        started."""
        if self.pid():
            self.wait_until_ready(timeout)
            return False
        if self.port_taken():
            raise RedisError(f"port {self.port} is taken by another process")
        server = find_server()
        self.write_conf()
        result = subprocess.run([server, str(self.conf_file)], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RedisError(f"redis-server did not start:\n{result.stdout}{result.stderr}"
                             + self.tail_log())
        self.wait_until_ready(timeout)
        return True

    def wait_until_ready(self, timeout: float = 20.0) -> None:
        import redis

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            try:
                client = redis.Redis.from_url(self.url, socket_timeout=2)
                try:
                    if client.ping():
                        return
                finally:
                    client.close()
            except redis.RedisError as exc:
                last = exc
            time.sleep(0.05)
        raise RedisError(f"Redis not ready after {timeout:.0f} s ({last})\n" + self.tail_log())

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop (SIGTERM, then SIGKILL after ``timeout``). True if it was running."""
        pid = self.pid()
        if not pid:
            return False
        terminate(pid, timeout, poll=0.05)
        self.pid_file.unlink(missing_ok=True)
        return True

    def tail_log(self, lines: int = 30) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

