"""The benchmark's own pair of Neo4j servers and a description of the machine.

The benchmark never touches the demo's or the tests' data: it runs its own
vault and public graph (ports 7717/7718, homes under var/bench/), sized for a
2-core, 24 GiB machine at 250,000 victims.
"""

from __future__ import annotations

import os
import platform
import subprocess

from graph.connections import Stores
from graph.schema import install_schema
from graph.settings import Settings
from ops.neo4j.control import NEO4J_VERSION, managed_instances, start_all


def bench_settings(**overrides: str) -> Settings:
    """The pair's settings; ``overrides`` replace FOOTPRINTS_* values (e.g. smaller heaps on
    a machine whose memory others are using)."""
    return Settings.from_env({
        "FOOTPRINTS_VAR": os.environ.get("FOOTPRINTS_BENCH_VAR", "var/bench"),
        "FOOTPRINTS_VAULT_PORT": "7717", "FOOTPRINTS_PUBLIC_PORT": "7718",
        "FOOTPRINTS_VAULT_HEAP": "4g", "FOOTPRINTS_VAULT_PAGECACHE": "3g",
        "FOOTPRINTS_PUBLIC_HEAP": "4g", "FOOTPRINTS_PUBLIC_PAGECACHE": "2g",
        "FOOTPRINTS_SECRET_KEY": "bench", "FOOTPRINTS_QUERY_TIMEOUT": "30",
        **overrides,
    })


def start(settings: Settings) -> Stores:
    start_all(settings)
    stores = Stores(settings, unlock=True)
    for name in ("vault", "public"):
        install_schema(stores.driver(name), stores.database(name))
    return stores


def wipe(stores: Stores) -> None:
    for name in ("vault", "public"):
        with stores.driver(name).session(database=stores.database(name)) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")\
                .consume()


def machine() -> dict:
    def cmd(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return ""

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "os": cmd("uname", "-sr"), "python": platform.python_version(),
        "java": java[0] if java else "", "neo4j": f"{NEO4J_VERSION} Community",
    }


def neo4j_pids(settings: Settings) -> dict[str, int | None]:
    return {inst.store.name: inst.pid() for inst in managed_instances(settings)}
