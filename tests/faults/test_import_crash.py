"""Fault: the vault is SIGKILLed in the middle of an import, restarted, and the import is run
again. The result must be exactly the file's records: no duplicates, nothing half-written;
and the audit log must show the import that was cut short until the re-run finishes it."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from graph import audit
from loaders.synthetic import generate, write_jsonl
from ops.neo4j.control import Instance

pytestmark = pytest.mark.slow


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
    loader = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # wait until some, but not all, batches are in
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        nodes, _, _ = counts(vault)
        if nodes > 200:
            break
        time.sleep(0.05)
    instance = Instance(settings, settings.vault)
    instance.kill()
    loader.wait(timeout=120)
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
