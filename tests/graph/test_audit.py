"""The hash-chained audit log: appends, verification, and every kind of tampering."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph import audit


@pytest.fixture
def log(vault):
    for i in range(5):
        audit.append(vault, "editor@test", "consent.record", f"p-{i}", purpose="publication", n=i)
    return vault


def test_intact_log_verifies(log):
    result = audit.verify(log)
    assert result.ok and result.entries == 5


def test_edited_entry_is_named(log):
    log.execute_query("MATCH (e:AuditEntry {seq: 3}) SET e.details = '{\"purpose\": \"internal\"}'")
    result = audit.verify(log)
    assert not result.ok and result.seq == 3 and "altered" in result.problem


def test_removed_entry_is_named(log):
    log.execute_query("MATCH (e:AuditEntry {seq: 2}) DELETE e")
    result = audit.verify(log)
    assert not result.ok and result.seq == 2


def test_reordered_entries_are_detected(log):
    log.execute_query("MATCH (a:AuditEntry {seq: 2}), (b:AuditEntry {seq: 4}) "
                      "SET a.seq = 4, b.seq = 2")
    result = audit.verify(log)
    assert not result.ok and result.seq == 2


def test_rehashed_edit_still_breaks_the_chain(log):
    """An attacker who recomputes the edited entry's own hash breaks the next link."""
    rows = list(audit.entries(log))
    e = rows[2]
    forged = audit.entry_hash(e["seq"], e["at"], "someone-else", e["action"], e["subject"],
                              e["details"], e["prev_hash"])
    log.execute_query("MATCH (e:AuditEntry {seq: 3}) SET e.actor = 'someone-else', e.hash = $h",
                      h=forged)
    result = audit.verify(log)
    assert not result.ok and result.seq == 4


def test_truncation_is_detected(log):
    log.execute_query("MATCH (e:AuditEntry {seq: 5}) DELETE e")
    result = audit.verify(log)
    assert not result.ok and "removed from the end" in result.problem


def test_cli_verify_fails_and_names_the_entry(log, settings, monkeypatch):
    from service.cli import main

    env = {"FOOTPRINTS_VAR": str(settings.var_dir),
           "FOOTPRINTS_VAULT_PORT": str(settings.vault.bolt_port),
           "FOOTPRINTS_PUBLIC_PORT": str(settings.public.bolt_port)}
    runner = CliRunner()
    ok = runner.invoke(main, ["audit", "verify"], env=env)
    assert ok.exit_code == 0, ok.output
    assert "5 entries" in ok.output
    log.execute_query("MATCH (e:AuditEntry {seq: 4}) SET e.subject = 'p-x'")
    bad = runner.invoke(main, ["audit", "verify"], env=env)
    assert bad.exit_code != 0
    assert "entry 4" in bad.output


def test_cli_verify_warns_of_an_import_cut_short(log, settings):
    from service.cli import main

    env = {"FOOTPRINTS_VAR": str(settings.var_dir),
           "FOOTPRINTS_VAULT_PORT": str(settings.vault.bolt_port),
           "FOOTPRINTS_PUBLIC_PORT": str(settings.public.bolt_port)}
    audit.append(log, "cli:someone", "import.started", "cases.jsonl", sha256="a" * 64)
    result = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert result.exit_code == 0, result.output  # the chain is intact: a warning, not a failure
    assert "6 entries" in result.output
    assert "the import of cases.jsonl logged at entry 6 never finished" in result.output
    audit.append(log, "cli:someone", "import.failed", "cases.jsonl", started=6, error="X")
    assert "never finished" not in CliRunner().invoke(main, ["audit", "verify"], env=env).output
