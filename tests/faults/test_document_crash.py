"""Fault: ``footprints documents ingest`` is SIGKILLed while it stores a large file, and
again while it processes one. The store must stay consistent: no Document whose file is
missing or damaged, no file under a hash its bytes do not have, and a document cut short
in processing is finished by the next ``documents process``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from tests.support.documents import empty_files
from tests.support.leaks import CONSENT_STATES
from tests.support.published import publish_fixtures

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def cli(settings, *args: str) -> subprocess.Popen:
    env_args = [f"FOOTPRINTS_VAR={settings.var_dir}",
                f"FOOTPRINTS_VAULT_PORT={settings.vault.bolt_port}",
                f"FOOTPRINTS_PUBLIC_PORT={settings.public.bolt_port}"]
    return subprocess.Popen(["env", *env_args, sys.executable, "-m", "service.cli", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def documents(stores) -> list[dict]:
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) RETURN d.uid AS uid, d.sha256 AS sha256, d.size AS size, "
        "d.processing AS processing", database_=stores.database("vault"))
    return [r.data() for r in rows]


def assert_consistent(stores, settings) -> None:
    for doc in documents(stores):
        assert stores.files.originals.exists(doc["sha256"]), doc
        assert stores.files.originals.size(doc["sha256"]) == doc["size"], doc
    result = CliRunner().invoke(main, ["documents", "verify", "--area", "originals"], obj=settings)
    assert " 0 missing, 0 corrupt" in result.output, result.output  # orphans may be left


INGEST = ("documents", "ingest", "--kind", "letter", "--source", "src-pub1", "--terms",
          "public", "--organization", "org-0001", "--title-en", "Crash test", "--about",
          "p-1007")


def test_sigkill_while_storing_leaves_no_half_file_and_no_dangling_node(settings, stores, vault,
                                                                       public, tmp_path):
    publish_fixtures(stores, CONSENT_STATES)
    empty_files(stores)
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:  # a PDF's head, then 150 MB (under the 200 MB limit): storing it takes a while
        fh.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for _ in range(150):
            fh.write(b"\0" * (1 << 20))
    for delay in (0.5, 1.0, 2.0):
        process = cli(settings, *INGEST, "--later", str(big))
        time.sleep(delay)
        process.kill()
        process.wait(timeout=30)
        assert_consistent(stores, settings)
    done = cli(settings, *INGEST, "--later", str(big))
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert len(documents(stores)) >= 1
    assert_consistent(stores, settings)


def test_sigkill_while_processing_is_finished_by_the_next_run(settings, stores, vault, public,
                                                              tmp_path):
    from documents.media import samples

    publish_fixtures(stores, CONSENT_STATES)
    empty_files(stores)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(samples.scanned_letter_pdf("아버지께. 평양에서 소식을 기다립니다. " * 20))
    process = cli(settings, *INGEST, str(scan))
    kept = process.stdout.readline()  # printed once the file and its node are written
    assert "kept" in kept, process.stderr.read()
    process.kill()  # OCR of the scan is under way
    process.wait(timeout=30)
    [doc] = documents(stores)
    assert doc["processing"] == "pending"
    assert_consistent(stores, settings)
    # The claim of the killed run is not stale yet: a worker takes it after STALE_AFTER.
    stores.vault.execute_query("MATCH (d:Document) SET d.processing_started = null",
                               database_=stores.database("vault"))
    result = CliRunner().invoke(main, ["documents", "process"], obj=settings)
    assert result.exit_code == 0, result.output
    [doc] = documents(stores)
    assert doc["processing"] == "done"
    assert_consistent(stores, settings)
