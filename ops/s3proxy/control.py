"""Provision, start and stop S3Proxy: an S3-compatible server over a folder, for the tests.

The S3 backend of the file store (documents/store/s3.py) is tested against a real S3
server, not a mock: S3Proxy (github.com/gaul/s3proxy), resolved from Maven Central the way
Neo4j is (its jar-with-dependencies, once, into ``var/lib/s3proxy-<version>/``) and run on
Java 17 with jclouds' ``filesystem`` blob store. Each server has a home (conf, data — the
buckets, one folder each —, logs, run, and a generated access key and secret), listens on
loopback only, and checks AWS signatures (v2 or v4) against that key.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from graph.settings import REPO_ROOT
from ops.neo4j.control import java_version
from ops.processes import alive, cmdline, port_taken, terminate

POM = Path(__file__).resolve().parent / "pom.xml"
S3PROXY_VERSION = re.search(r"<s3proxy.version>([^<]+)<", POM.read_text()).group(1)
JAR = f"s3proxy-{S3PROXY_VERSION}-jar-with-dependencies.jar"


class S3ProxyError(RuntimeError):
    """Something the operator must fix: a missing tool, a taken port, a failed start."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lib_dir() -> Path:
    """Shared by every var/ folder (tests, demo): fetched once."""
    return REPO_ROOT / "var" / "lib" / f"s3proxy-{S3PROXY_VERSION}"


def find_java() -> str:
    """Java 17 or later (S3Proxy 4 is built for 17): JAVA_HOME first, then PATH."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise S3ProxyError("Java 17 is needed to run S3Proxy and was not found "
                           "(install openjdk-17-jre-headless, or set JAVA_HOME)")
    if java_version(java) < 17:
        raise S3ProxyError(f"S3Proxy {S3PROXY_VERSION} needs Java 17 or later; {java} is older")
    return java


def provision(target: Path | None = None) -> Path:
    """Resolve S3Proxy's jar with Maven into var/ once (or into ``target``); returns the
    jar. Later calls are no-ops."""
    target = target or lib_dir()
    jar = target / JAR
    if (target / ".complete").exists() and jar.exists():
        return jar
    mvn = shutil.which("mvn")
    if not mvn:
        raise S3ProxyError("Maven (mvn) is needed to fetch S3Proxy from Maven Central and was "
                           "not found (install the 'maven' package)")
    find_java()
    _say(f"provisioning S3Proxy {S3PROXY_VERSION} from Maven Central into {target} ...")
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    cmd = [mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
           "-DincludeScope=runtime", f"-DoutputDirectory={tmp}"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise S3ProxyError("Maven could not resolve S3Proxy:\n"
                           + (result.stdout + result.stderr)[-3000:])
    if not (tmp / JAR).exists():
        raise S3ProxyError(f"Maven ran but {JAR} is not among {sorted(p.name for p in tmp.iterdir())}")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    (target / ".complete").write_text(S3PROXY_VERSION)
    return jar


def free_port() -> int:
    """A loopback port nobody listens on now (several test sessions on one machine each
    run their own server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class S3Proxy:
    """One S3Proxy server with its home (``data/`` holds the buckets)."""

    home: Path
    port: int
    heap: str = "256m"

    def __post_init__(self) -> None:
        self.home = Path(self.home).resolve()  # the server runs in its home

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "s3proxy.conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "s3proxy.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    def credentials(self) -> tuple[str, str]:
        """The access key and secret clients sign with: generated once, kept in the home."""
        path = self.home / "credentials"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"fp{secrets.token_hex(8)}\n{secrets.token_urlsafe(30)}\n")
            path.chmod(0o600)
        access, secret = path.read_text().split()
        return access, secret

    def write_conf(self) -> None:
        for sub in ("conf", "data", "logs", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        access, secret = self.credentials()
        self.conf_file.write_text(f"""# Written by ops/s3proxy/control.py; overwritten at each start.
s3proxy.endpoint={self.endpoint}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity={access}
s3proxy.credential={secret}
jclouds.provider=filesystem
jclouds.identity={access}
jclouds.credential={secret}
jclouds.filesystem.basedir={self.data_dir}
""")
        self.conf_file.chmod(0o600)

    # -- process -------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of this home's running server, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if str(self.conf_file).encode() in cmdline(pid) and alive(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def port_taken(self) -> bool:
        return port_taken(self.port)

    def start(self) -> bool:
        """Start the server unless this home's runs already (on this port). True if started."""
        if self.pid():
            running = re.search(r"^s3proxy.endpoint=.*:(\d+)$", self.conf_file.read_text(), re.M)
            if running and int(running.group(1)) != self.port:
                raise S3ProxyError(f"the S3Proxy of {self.home} runs on port {running.group(1)}, "
                                   f"not {self.port}: stop it first")
            return False
        if self.port_taken():
            raise S3ProxyError(f"port {self.port} is taken by another process")
        jar = provision()
        java = find_java()
        self.write_conf()
        # logback's own start-up chatter off; S3Proxy's log stays.
        cmd = [java, f"-Xmx{self.heap}",
               "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
               "-jar", str(jar), "--properties", str(self.conf_file)]
        with open(self.console_log, "ab") as log:
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True,
                                    cwd=self.home)
        self.pid_file.write_text(f"{proc.pid}\n")
        # Until the fork has exec'd Java, the process's command line is not yet ours, and
        # pid() would take it for a stranger's.
        deadline = time.monotonic() + 10
        while (str(self.conf_file).encode() not in cmdline(proc.pid)
               and proc.poll() is None and time.monotonic() < deadline):
            time.sleep(0.01)
        return True

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        """Block until the server answers HTTP (any S3 answer: an unsigned request gets a
        403); fail early if the process died."""
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if not self.pid():
                raise S3ProxyError("S3Proxy exited during start-up:\n" + self.tail_logs(40))
            try:
                with urllib.request.urlopen(self.endpoint + "/", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # an S3 error document: the server answers
            except OSError as exc:
                last = exc
            time.sleep(0.2)
        raise S3ProxyError(f"S3Proxy not ready after {timeout:.0f} s ({last})\n" + self.tail_logs(40))

    def stop(self, timeout: float = 20.0) -> bool:
        """Stop gracefully (SIGTERM, then SIGKILL after ``timeout``). True if it was running."""
        pid = self.pid()
        if not pid:
            return False
        terminate(pid, timeout, poll=0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def tail_logs(self, lines: int = 50) -> str:
        if not self.console_log.exists():
            return ""
        return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])


