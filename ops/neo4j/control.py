"""Provision, start, stop and watch the project's own Neo4j servers.

Neo4j 5.26 LTS Community is resolved from Maven Central with Maven (the
official tarball is not published there, so we copy the runtime dependencies
of the assembler ``neo4j-community-standalone``: the jars of its ``lib/``).
Each instance (vault, public graph, and the test pair) gets its own home under
``var/neo4j/<name>/`` with conf, data, logs, run and a generated password,
and runs ``org.neo4j.server.CommunityEntryPoint`` directly on Java 17 with the
JVM flags the official launcher passes.

Stores whose URI comes from the environment are not managed here: nothing is
started for them.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from graph.settings import REPO_ROOT, Settings, StoreSettings
from ops.neo4j import tls
from ops.processes import alive, terminate

POM = Path(__file__).resolve().parent / "pom.xml"
NEO4J_VERSION = re.search(r"<neo4j.version>([^<]+)<", POM.read_text()).group(1)
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminBoot"

# The flags of the official launcher (server.jvm.additional in the shipped
# neo4j.conf, plus what Neo4jBoot adds itself).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
]


class Neo4jError(RuntimeError):
    """Something the operator must fix: a missing tool, a taken port, a failed start."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lib_dir(settings: Settings) -> Path:
    """Shared by every instance and every var/ folder (tests, demo): fetched once."""
    return REPO_ROOT / "var" / "lib" / f"neo4j-{NEO4J_VERSION}"


def java_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise Neo4jError(f"cannot read the Java version from: {out.strip()!r}")
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 else major


def find_java() -> str:
    """Java 17 or 21 (the versions Neo4j 5.26 supports): JAVA_HOME first, then PATH."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise Neo4jError(
            "Java 17 is needed to run Neo4j and was not found "
            "(install openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    version = java_version(java)
    if version not in (17, 21):
        raise Neo4jError(f"Neo4j {NEO4J_VERSION} needs Java 17 or 21; {java} is Java {version}")
    return java


def provision(settings: Settings, target: Path | None = None) -> Path:
    """Resolve the Neo4j jars with Maven into var/ once (or into ``target``); later calls
    are no-ops."""
    target = target or lib_dir(settings)
    marker = target / ".complete"
    if marker.exists():
        return target
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jError("Maven (mvn) is needed to fetch Neo4j from Maven Central and was not found "
                         "(install the 'maven' package)")
    find_java()
    _say(f"provisioning Neo4j {NEO4J_VERSION} Community from Maven Central into {target} ...")
    started = time.monotonic()
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    cmd = [mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
           "-DincludeScope=runtime", f"-DoutputDirectory={tmp}"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise Neo4jError("Maven could not resolve Neo4j:\n" + (result.stdout + result.stderr)[-3000:])
    jars = list(tmp.glob("*.jar"))
    if not any(j.name.startswith("neo4j-server") or "neo4j-community" in j.name for j in jars):
        raise Neo4jError(f"Maven resolved {len(jars)} jars but no Neo4j server jar among them")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    marker.write_text(NEO4J_VERSION)
    _say(f"provisioned {len(jars)} jars in {time.monotonic() - started:.0f} s")
    return target


@dataclass
class Instance:
    """One local Neo4j server with its own home under var/neo4j/<name>."""

    settings: Settings
    store: StoreSettings

    @property
    def home(self) -> Path:
        return self.settings.neo4j_dir / self.store.name

    @property
    def pid_file(self) -> Path:
        # Not run/neo4j.pid: that name belongs to Neo4j's own launcher.
        return self.home / "run" / "footprints-neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # -- configuration -------------------------------------------------
    def write_conf(self) -> None:
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        port = self.store.bolt_port
        certificates = tls.ensure_server_certificate(self.settings.neo4j_dir, self.home,
                                                     self.store.name)
        conf = f"""# Written by ops/neo4j/control.py; edits are overwritten at each start.
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{port}
server.bolt.advertised_address=127.0.0.1:{port}
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
dbms.security.allow_csv_import_from_file_urls=false
server.memory.heap.initial_size={self.store.heap}
server.memory.heap.max_size={self.store.heap}
server.memory.pagecache.size={self.store.pagecache}
{self._memory_limits()}server.directories.data={self.home / 'data'}
server.directories.logs={self.home / 'logs'}
server.directories.run={self.home / 'run'}
server.directories.plugins={self.home / 'plugins'}
server.directories.import={self.home / 'import'}
server.directories.lib={lib_dir(self.settings)}
server.logs.gc.enabled=false
db.logs.query.enabled=OFF
{tls.conf_lines(certificates)}"""
        (self.home / "conf" / "neo4j.conf").write_text(conf)

    def _memory_limits(self) -> str:
        """Heap limits of transactions: a query over them fails with a memory error instead
        of taking the server's heap (see docs/public-api.md, the console's limits)."""
        lines = []
        if self.store.tx_memory is not None:
            lines.append(f"db.memory.transaction.max={self.store.tx_memory}\n")
        if self.store.tx_memory_total is not None:
            lines.append(f"dbms.memory.transaction.total.max={self.store.tx_memory_total}\n")
        return "".join(lines)

    def env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def ensure_password(self, java: str) -> str:
        """Generate the initial password once, before the first start."""
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        # A letter first: the admin tool would read a leading '-' as an option.
        password = "fp" + secrets.token_urlsafe(24)
        cmd = [java, "-cp", f"{lib_dir(self.settings)}/*", ADMIN_CLASS,
               "dbms", "set-initial-password", password]
        result = subprocess.run(cmd, env=self.env(), capture_output=True, text=True)
        if result.returncode != 0:
            raise Neo4jError(f"{self.store.name}: setting the initial password failed:\n"
                             f"{result.stdout}{result.stderr}")
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
        return password

    # -- process -------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of the running server, or None. A stale pid file is removed; a server of
        this home running without a pid file (lost, or started by hand) is found and adopted."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            pid = None
        if pid is not None and self._is_ours(pid, starting_ok=True):
            return pid
        self.pid_file.unlink(missing_ok=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and self._is_ours(int(entry.name)):
                self.pid_file.parent.mkdir(parents=True, exist_ok=True)
                self.pid_file.write_text(f"{entry.name}\n")
                return int(entry.name)
        return None

    def _is_ours(self, pid: int, starting_ok: bool = False) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        if not cmdline:
            # For a moment after exec the kernel shows an empty command line; the pid we
            # wrote ourselves is trusted through it, a stranger found in /proc is not.
            return starting_ok and alive(pid)
        return (MAIN_CLASS in cmdline and f"--home-dir={self.home}\0" in cmdline + "\0"
                and alive(pid))

    def port_taken(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", self.store.bolt_port))
            except OSError:
                return True
        return False

    def start(self) -> bool:
        """Start the server unless it runs already. Returns True if it was started."""
        if self.pid():
            return False
        if self.port_taken():
            raise Neo4jError(f"{self.store.name}: port {self.store.bolt_port} is taken by another "
                             f"process; stop it or set FOOTPRINTS_{self.store.name.upper()}_PORT")
        provision(self.settings)
        java = find_java()
        self.write_conf()
        self.ensure_password(java)
        classpath = ":".join([f"{self.home / 'plugins'}/*", f"{self.home / 'conf'}/*",
                              f"{lib_dir(self.settings)}/*"])
        cmd = [java, f"-Xms{self.store.heap}", f"-Xmx{self.store.heap}", *JVM_FLAGS,
               "-cp", classpath, MAIN_CLASS,
               f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"]
        with open(self.console_log, "ab") as log:
            proc = subprocess.Popen(cmd, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True,
                                    cwd=self.home)
        self.pid_file.write_text(f"{proc.pid}\n")
        return True

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop gracefully (SIGTERM, then SIGKILL after ``timeout``). True if it was running."""
        pid = self.pid()
        if not pid:
            return False
        terminate(pid, timeout, poll=0.2)
        self.pid_file.unlink(missing_ok=True)
        self._wait_port_free()
        return True

    def _wait_port_free(self, timeout: float = 15.0) -> None:
        """A server that just exited may still hold its port for a moment; a start right
        after a stop must not trip over it."""
        deadline = time.monotonic() + timeout
        while self.port_taken() and time.monotonic() < deadline:
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL, as a crash would (fault tests)."""
        pid = self.pid()
        if pid:
            os.kill(pid, signal.SIGKILL)
            while alive(pid):
                time.sleep(0.05)
            self.pid_file.unlink(missing_ok=True)
            self._wait_port_free()

    def wait_until_ready(self, timeout: float = 120.0) -> None:
        """Block until Bolt answers a query; fail early if the process died."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        password = self.password_file.read_text().strip()
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.store.managed and not self.pid():
                raise Neo4jError(f"{self.store.name}: the server exited during start-up:\n"
                                 + self.tail_logs(40))
            try:
                # A plain session, not execute_query: its retries would hide a dead process.
                with GraphDatabase.driver(self.store.uri, auth=(self.store.user, password),
                                          connection_timeout=2.0) as drv:
                    with drv.session(database=self.store.database) as session:
                        session.run("RETURN 1").consume()
                    return
            except (ServiceUnavailable, SessionExpired, OSError) as exc:
                last = exc
            except AuthError as exc:
                raise Neo4jError(f"{self.store.name}: the password in {self.password_file} "
                                 f"was refused: {exc}") from exc
            time.sleep(0.5)
        raise Neo4jError(f"{self.store.name}: not ready after {timeout:.0f} s ({last})\n"
                         + self.tail_logs(40))

    def tail_logs(self, lines: int = 50) -> str:
        out = []
        for name in ("neo4j.log", "console.log"):
            path = self.home / "logs" / name
            if path.exists():
                text = path.read_text(errors="replace").splitlines()[-lines:]
                out.append(f"== {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
                out.extend(text)
        return "\n".join(out)

    def status(self) -> str:
        pid = self.pid()
        where = f"bolt 127.0.0.1:{self.store.bolt_port}"
        return f"{self.store.name}: {'running (pid ' + str(pid) + ')' if pid else 'stopped'}, {where}"



def managed_instances(settings: Settings) -> list[Instance]:
    """The instances this project runs itself (none for stores given by URI)."""
    return [Instance(settings, store) for store in settings.stores() if store.managed]


def start_all(settings: Settings, wait: bool = True) -> list[str]:
    """Start every managed instance (idempotently) and wait until each is ready."""
    messages = []
    instances = managed_instances(settings)
    for inst in instances:
        started = inst.start()
        messages.append(f"{inst.store.name}: {'started' if started else 'already running'}")
    if wait:
        for inst in instances:
            inst.wait_until_ready()
    if not instances:
        messages.append("vault and public graph are given by URI: nothing to start")
    return messages


def stop_all(settings: Settings) -> list[str]:
    return [f"{i.store.name}: {'stopped' if i.stop() else 'was not running'}"
            for i in managed_instances(settings)]
