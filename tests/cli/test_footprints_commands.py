"""The `footprints` commands run as commands, against the test servers (tests/conftest.py):
db init, generate, load, export (JSON Lines and CSV), neo4j status and logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders.synthetic import generate, write_jsonl
from service.cli import main
from tests.support.stores import record_counts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(settings):
    """Invoke ``footprints ARGS`` in-process with the test servers' settings."""
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(main, list(args), obj=settings)
        if ok:
            assert result.exit_code == 0, (args, result.output, result.exception)
        return result

    return invoke


counts = record_counts


def test_db_init_applies_the_schema_to_both_stores_idempotently(run, stores):
    for _ in range(2):
        out = run("db", "init").output
        assert "vault: schema in place" in out and "public: schema in place" in out
    for name in ("vault", "public"):
        records, _, _ = stores.driver(name).execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
            "WHERE properties = ['uid'] RETURN labelsOrTypes", database_=stores.database(name))
        assert ["Entity"] in [r["labelsOrTypes"] for r in records], name


def test_generate_writes_the_seeded_dataset(run, tmp_path):
    out = tmp_path / "nested" / "tiny.jsonl"
    result = run("generate", "--scale", "tiny", "--seed", "3", "-o", str(out))
    expected = tmp_path / "expected.jsonl"
    n = write_jsonl(generate(50, seed=3), expected)
    assert f"wrote {n} records to {out}" in result.output
    assert out.read_bytes() == expected.read_bytes()
    run("generate", "--victims", "7", "--seed", "3", "-o", str(tmp_path / "seven.jsonl"))
    records = [json.loads(x) for x in (tmp_path / "seven.jsonl").read_text().splitlines()]
    assert sum(1 for r in records if r["record"] == "Person" and "Victim" in r["roles"]) == 7
    assert all(r["synthetic"] is True for r in records)
    assert run("generate", "--victims", "0", "-o", str(out), ok=False).exit_code == 2


def test_load_and_export_round_trip_through_the_commands(run, vault, public, tmp_path):
    data = tmp_path / "tiny.jsonl"
    run("generate", "--victims", "40", "--seed", "5", "-o", str(data))
    assert "nodes" in run("load", str(data)).output
    loaded = counts(vault)
    assert loaded["nodes"] > 400

    first = tmp_path / "vault.jsonl"
    out = run("export", "--store", "vault", "-o", str(first)).output
    assert f"wrote {loaded['nodes'] + loaded['rels']} records to {first}" in out
    csv_dir = tmp_path / "csv"
    out = run("export", "--store", "vault", "--format", "csv", "-o", str(csv_dir)).output
    assert f"wrote {loaded['nodes'] + loaded['rels']} records to {csv_dir}" in out
    assert (csv_dir / "persons.csv").exists() and (csv_dir / "relationships.csv").exists()

    vault.execute_query("MATCH (n:Entity) DETACH DELETE n")
    run("load", str(csv_dir))
    assert counts(vault) == loaded
    second = tmp_path / "again.jsonl"
    run("export", "--store", "vault", "-o", str(second))
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")

    # the default store is the public graph: after publishing it holds only what is public
    run("publish", "--by", "cli-test")
    public_out = tmp_path / "public.jsonl"
    run("export", "-o", str(public_out))
    published = [json.loads(x) for x in public_out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(published) < loaded["nodes"] + loaded["rels"]
    assert not any("contact" in r or "notes" in r for r in published)

    jsonl_to_dir = run("export", "--format", "jsonl", "-o", str(csv_dir), ok=False)
    assert jsonl_to_dir.exit_code == 1 and "is a directory" in jsonl_to_dir.output


def test_load_of_an_invalid_csv_writes_nothing_and_says_where(run, vault, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("uid,roles,name_en,sex\np-1,Victim,Synthetic A,female\n"
                    "p-2,Victim,Synthetic B,unknown-sex\n", encoding="utf-8")
    before = counts(vault)
    result = run("load", str(path), ok=False)
    assert result.exit_code == 1
    assert "row 3, column 'sex': Must be one of" in result.output
    assert "nothing was written" in result.output
    assert counts(vault) == before


@pytest.fixture
def managed(settings):
    if not (settings.vault.managed and settings.public.managed):
        pytest.skip("the test stores are external (FOOTPRINTS_TEST_*_URI): nothing runs here")


def test_neo4j_status_and_logs(run, stores, settings, managed):
    out = run("neo4j", "status").output
    assert "vault: running (pid " in out and f"bolt 127.0.0.1:{settings.vault.bolt_port}" in out
    assert "public: running (pid " in out and f"bolt 127.0.0.1:{settings.public.bolt_port}" in out
    logs = run("neo4j", "logs", "vault", "-n", "5").output
    assert "== " in logs and "neo4j.log" in logs
    assert str(settings.var_dir.relative_to(ROOT)) in logs  # the test servers' own logs
    assert run("neo4j", "logs", "nowhere", ok=False).exit_code == 2


def test_console_script_runs_as_a_process(settings, stores, managed):
    """The installed `footprints` entry point, configured by the environment alone."""
    env = {**os.environ, "FOOTPRINTS_VAR": str(settings.var_dir),
           "FOOTPRINTS_VAULT_PORT": str(settings.vault.bolt_port),
           "FOOTPRINTS_PUBLIC_PORT": str(settings.public.bolt_port)}
    for key in [k for k in env if k.endswith(("_URI", "_USER", "_PASSWORD"))
                and k.startswith("FOOTPRINTS_")]:
        del env[key]
    script = Path(sys.executable).with_name("footprints")
    done = subprocess.run([str(script), "neo4j", "status"], capture_output=True, text=True,
                          env=env, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "vault: running (pid " in done.stdout
    assert f"bolt 127.0.0.1:{settings.public.bolt_port}" in done.stdout
