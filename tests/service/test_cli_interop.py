"""The interoperability commands, end to end through the `footprints` command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from loaders.importer import import_records
from loaders.synthetic.reference import reference_records
from service.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_interop_commands(stores, vault, public, settings, monkeypatch, tmp_path):
    monkeypatch.setattr("service.cli._settings", lambda: settings)
    import_records(vault, enumerate(reference_records(), start=1), "reference")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    out = run("import-uwazi", str(ROOT / "examples/uwazi/victims.csv"))
    assert "Person: 5" in out and "unused columns: Date added" in out
    run("publish", "--by", "cli-test")
    out = run("dedupe", "--sample", "150", "--seed", "2")
    assert out.startswith("vault: ") and "precision" in out
    out = run("judge", "uw-victim-FP-S-0001", "uw-victim-FP-S-0002", "different", "--by", "editor@test")
    assert "different" in out
    view = json.loads(run("merged-view", "uw-victim-FP-S-0001"))
    assert view["members"] == ["uw-victim-FP-S-0001"] and view["label"] == "Confidential"
    run("judge", "uw-victim-FP-S-0001", "uw-victim-FP-S-0002", "--retract", "--by", "editor@test")
    for args in (["export-ftm", "-o", str(tmp_path / "f.jsonl")],
                 ["export-graph", "--format", "gexf", "-o", str(tmp_path / "g.gexf")],
                 ["export-uwazi", "--template", "victim", "-o", str(tmp_path / "u.csv")]):
        run(*args)
    assert "Kim Chul-ho" not in (tmp_path / "u.csv").read_text(encoding="utf-8")  # not consented
    bad = runner.invoke(main, ["judge", "uw-victim-FP-S-0001", "nobody", "same", "--by", "e"])
    assert bad.exit_code != 0 and "no record with uid 'nobody'" in bad.output
