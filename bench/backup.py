"""Backup and restore: time and size at each scale, against a raw baseline (every node and
relationship read through the driver, written nowhere), into bench/results/backup.json.

Per scale: synthetic victims generated and imported into the vault (with their consent
labels; not published: the public graph is not part of a backup); then the raw read,
``footprints backup``'s code (one snapshot, encrypted as it streams), ``backup verify``,
and a restore into the emptied vault (its publication is measured by the main benchmark).
Each measured part runs in a process of its own, whose peak RSS is reported with its time:
memory flat in the data's size shows as the same peak at every scale.

    python -m bench.backup [--scales 10000,50000,250000]

Runs on the benchmark's own pair (bench/env.py: ports 7717/7718, var/bench), with the memory
of :data:`MEMORY`; FOOTPRINTS_BENCH_VAR, FOOTPRINTS_BENCH_VAULT_PORT and
FOOTPRINTS_BENCH_PUBLIC_PORT move it to another pair. Stop the pair after
(``FOOTPRINTS_VAR=var/bench FOOTPRINTS_VAULT_PORT=7717 FOOTPRINTS_PUBLIC_PORT=7718
footprints neo4j stop``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import env
from bench.measure import progress, timed
from graph import queries
from graph.connections import Stores
from graph.consent.apply import apply_policy
from graph.settings import Settings
from loaders.importer import import_file
from loaders.synthetic import generate, write_jsonl
from ops.backup import keys
from ops.backup.restore import restore, verify
from ops.backup.snapshot import backup

RESULTS = Path(__file__).resolve().parent / "results"


#: The pair's memory: the vault sized for the read and the restore at 250,000 victims, the
#: public graph small (nothing is published here), so that the pair shares the machine.
MEMORY = {"FOOTPRINTS_VAULT_HEAP": "3g", "FOOTPRINTS_VAULT_PAGECACHE": "2g",
          "FOOTPRINTS_PUBLIC_HEAP": "1g", "FOOTPRINTS_PUBLIC_PAGECACHE": "256m"}


def settings() -> Settings:
    """The benchmark's pair (bench/env.py's var and ports, :data:`MEMORY`), or another one
    (FOOTPRINTS_BENCH_VAR, FOOTPRINTS_BENCH_VAULT_PORT, FOOTPRINTS_BENCH_PUBLIC_PORT)."""
    base = env.bench_settings()
    return Settings.from_env({
        "FOOTPRINTS_VAR": str(base.var_dir),
        "FOOTPRINTS_VAULT_PORT": os.environ.get("FOOTPRINTS_BENCH_VAULT_PORT", "7717"),
        "FOOTPRINTS_PUBLIC_PORT": os.environ.get("FOOTPRINTS_BENCH_PUBLIC_PORT", "7718"),
        "FOOTPRINTS_SECRET_KEY": "bench", **MEMORY})


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: getrusage's maxrss would carry over the
    parent's peak through fork and exec)."""
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    return round(kib / 1024, 1)


def step(name: str, *args: str) -> dict:
    """One measured part in a fresh process (``--step``): its seconds, peak RSS and result."""
    out = subprocess.run([sys.executable, "-m", "bench.backup", "--step", name, *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_step(name: str, args: list[str]) -> None:
    """The child's side of :func:`step`: run the part, print one JSON line."""
    conf = settings()
    stores = Stores(conf)
    try:
        if name == "raw":
            seconds, records = timed(raw_read, stores)
            result = {"records": records}
        elif name == "backup":
            target, identity = Path(args[0]), Path(args[1])
            recipient = keys.identities(identity)[0].to_public()
            seconds, made = timed(backup, stores, target, [recipient], "bench")
            counts = made.manifest["counts"]
            result = {"bytes": made.size, "nodes": counts["nodes"],
                      "relationships": counts["relationships"]}
        elif name == "verify":
            seconds, _ = timed(verify, Path(args[0]), keys.identities(Path(args[1])))
            result = {}
        elif name == "restore":
            seconds, _ = timed(restore, stores, Path(args[0]), keys.identities(Path(args[1])),
                               "bench")
            result = {"note": "verify pass + write pass; publication not included"}
        else:
            raise SystemExit(f"no step {name}")
    finally:
        stores.close()
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mib": peak_rss_mib(), **result}))


def raw_read(stores: Stores) -> int:
    """The baseline: every node and relationship with its properties, through the driver."""
    n = 0
    with stores.vault.session(database=stores.database("vault")) as session:
        for query in ("MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
                      "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS t, "
                      "elementId(b) AS b, properties(r) AS p"):
            for _ in session.run(query):
                n += 1
    return n


def wipe(stores: Stores) -> None:
    """Both stores emptied, relationships first (bench/env.py's DETACH DELETE of dense nodes
    runs out of transaction memory at 250,000 victims with this pair's smaller heap)."""
    for name in ("vault", "public"):
        for query in ("backup/delete_all_relationships", "backup/delete_all_nodes"):
            queries.run(stores.driver(name), query, stores.database(name))


def one_scale(stores: Stores, victims: int, workdir: Path, identity: Path) -> dict:
    data = workdir / f"victims-{victims}.jsonl"
    if not data.exists():
        progress(f"generating {victims:,} victims")
        write_jsonl(generate(victims, seed=1), data)
    wipe(stores)
    progress(f"importing {victims:,} victims")
    import_file(stores.vault, data, database=stores.database("vault"), actor="bench",
                after=lambda drv, db, uids: apply_policy(drv, db, uids))
    out: dict = {"victims": victims}
    out["raw_read"] = step("raw")
    progress(f"  raw read: {out['raw_read']['records']:,} records in "
             f"{out['raw_read']['seconds']} s")
    target = workdir / f"backup-{victims}.age"
    target.unlink(missing_ok=True)
    out["backup"] = step("backup", str(target), str(identity))
    progress(f"  backup: {out['backup']['bytes'] / 2**20:.1f} MiB in {out['backup']['seconds']} s, "
             f"peak RSS {out['backup']['peak_rss_mib']} MiB")
    out["verify"] = step("verify", str(target), str(identity))
    progress(f"  verify: {out['verify']['seconds']} s")
    wipe(stores)
    out["restore"] = step("restore", str(target), str(identity))
    progress(f"  restore: {out['restore']['seconds']} s, peak RSS "
             f"{out['restore']['peak_rss_mib']} MiB")
    restored = queries.run(stores.vault, "backup/count_graph", stores.database("vault"))[0]
    # the backup's records, and the restore's own audit entry
    assert restored["nodes"] == out["backup"]["nodes"] + 1, restored
    assert restored["relationships"] == out["backup"]["relationships"], restored
    target.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="10000,50000,250000")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.step:
        return run_step(args.step, rest)
    conf = settings()
    workdir = conf.var_dir / "data"
    workdir.mkdir(parents=True, exist_ok=True)
    identity = workdir / "backup-identity.txt"
    if not identity.exists():
        keys.generate(identity)
    stores = env.start(conf)
    report = {"machine": env.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
              "neo4j_memory": MEMORY, "scales": []}
    try:
        for victims in (int(s) for s in args.scales.split(",")):
            report["scales"].append(one_scale(stores, victims, workdir, identity))
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / "backup.json").write_text(json.dumps(report, indent=2))
    finally:
        stores.close()
    progress(f"report: {RESULTS / 'backup.json'}")


if __name__ == "__main__":
    main()
