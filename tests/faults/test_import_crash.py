"""Fault: the vault is SIGKILLed in the middle of an import, restarted, and the import is run
again. The result must be exactly the file's records: no duplicates, nothing half-written;
and the audit log must show the import that was cut short until the re-run finishes it.

The killed import stops at a known point: once its first batches are committed it says
so and waits, the test kills the vault, then lets it go on into the dead server. Its
relationships come after all its nodes, so none of them is in when the vault dies."""

from __future__ import annotations

import select
import subprocess
import sys
from pathlib import Path

import pytest

from graph import audit
from loaders.synthetic import generate, write_jsonl
from ops.neo4j.control import Instance

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
#: What ``footprints load --batch-size 200`` runs, with a progress function that stops the
#: import once 400 records (two batches) are in, until a line comes on stdin; its driver
#: gives up on the dead vault after 2 s instead of 30 (each batch still queued tries).
PAUSING_LOADER = """
import sys

from graph import encryption
from graph.connections import open_driver
from graph.consent.apply import apply_policy
from graph.settings import Settings
from loaders.importer import import_file

written = 0


def pause_once_two_batches_are_in(records: int) -> None:
    global written
    before, written = written, written + records
    if before < 400 <= written:
        print("paused", flush=True)
        sys.stdin.readline()


settings = Settings.from_env()
vault = open_driver(settings, settings.vault, max_transaction_retry_time=2.0)
encryption.unlock(settings, vault, settings.vault.database)  # what the CLI does at start-up
try:
    import_file(vault, sys.argv[1], database=settings.vault.database, batch_size=200,
                progress=pause_once_two_batches_are_in, actor="cli:test",
                after=lambda drv, db, uids: apply_policy(drv, db, uids))
finally:
    vault.close()
"""


def counts(driver) -> tuple[int, int, int]:
    rec = driver.execute_query(
        "MATCH (n:Entity) WITH count(n) AS nodes, count(DISTINCT n.uid) AS uids "
        "OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN nodes, uids, count(r) AS rels").records[0]
    return rec["nodes"], rec["uids"], rec["rels"]


def test_sigkill_mid_import_then_rerun_gives_exact_counts(settings, stores, vault, tmp_path):
    path = tmp_path / "crash.jsonl"
    write_jsonl(generate(400, seed=7), path)
    records = [line for line in path.read_text().splitlines() if line.strip()]
    expected_rels = sum('"record": "rel"' in line or '"record":"rel"' in line for line in records)
    expected_nodes = len(records) - expected_rels

    env_args = [f"FOOTPRINTS_VAR={settings.var_dir}",
                f"FOOTPRINTS_VAULT_PORT={settings.vault.bolt_port}",
                f"FOOTPRINTS_PUBLIC_PORT={settings.public.bolt_port}"]
    cmd = ["env", *env_args, sys.executable, "-m", "service.cli", "load", str(path),
           "--batch-size", "200"]
    log = tmp_path / "loader.log"
    with log.open("w") as errors:
        loader = subprocess.Popen(["env", *env_args, sys.executable, "-c", PAUSING_LOADER,
                                   str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=errors, text=True)
    ready, _, _ = select.select([loader.stdout], [], [], 300)
    said = loader.stdout.readline().strip() if ready else "(nothing)"
    assert said == "paused", log.read_text()  # two batches are in, the rest not
    instance = Instance(settings, settings.vault)
    instance.kill()
    loader.communicate("go on\n", timeout=120)  # into the dead vault
    assert loader.returncode != 0  # the loader saw its database die
    instance.start()
    instance.wait_until_ready()
    partial = counts(vault)
    assert partial[0] < expected_nodes or partial[2] < expected_rels  # it really was cut short
    assert partial[0] == partial[1]  # no duplicate uids, even half-way
    trace = audit.verify(vault)
    assert trace.ok and trace.unfinished_imports == ((1, "crash.jsonl"),)
    assert [e["action"] for e in audit.entries(vault)] == ["import.started"]

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert counts(vault) == (expected_nodes, expected_nodes, expected_rels)
    trace = audit.verify(vault)
    assert trace.ok and trace.unfinished_imports == ()
    assert [e["action"] for e in audit.entries(vault)] == ["import.started", "import.started",
                                                          "import.finished"]
    # and once more: idempotent
    subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True)
    assert counts(vault) == (expected_nodes, expected_nodes, expected_rels)
