"""The documents' files in a backup, with each file store backend (local disk, S3): the
originals area's files the vault's documents name go into the backup and come back byte for
byte; a file missing or damaged in the store stops the backup with a message, leaving no
backup file behind."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from documents.store import open_store
from graph import audit
from ops.backup import keys
from service.cli import main
from tests.support.files import damage, raw_files
from tests.support.stores import wipe


def run(settings, *args):
    return CliRunner().invoke(main, [str(a) for a in args], obj=settings)


@pytest.fixture
def documented(files_settings, stores, vault, public):
    """Two documents: an original and a thumbnail each, stored; a third file that no document
    names (an orphan, which a backup leaves out)."""
    originals = open_store(files_settings, "originals")
    hashes = []
    for uid in ("doc-1", "doc-2"):
        original = originals.put_bytes(f"the original of {uid}".encode() * 5000)
        thumb = originals.put_bytes(f"the thumbnail of {uid}".encode() * 20)
        vault.execute_query("CREATE (:Document {uid: $uid, sha256: $o, size: $size, "
                            "thumb_sha256: $t})", uid=uid, o=original.sha256, t=thumb.sha256,
                            size=original.size)
        hashes += [original.sha256, thumb.sha256]
    originals.put_bytes(b"nobody's file")
    return hashes


def test_files_go_into_the_backup_and_come_back(files_settings, stores, documented, tmp_path):
    key = tmp_path / "id.txt"
    recipient = keys.generate(key)
    backup = tmp_path / "b.age"
    made = run(files_settings, "backup", "-o", backup, "--recipient", recipient)
    assert made.exit_code == 0, made.output
    assert "4 file(s)" in made.output
    before = raw_files(files_settings, "originals")
    wipe(stores, "vault")
    originals = open_store(files_settings, "originals")
    for sha256 in list(originals.hashes()):
        originals.delete(sha256)
    assert raw_files(files_settings, "originals") == {}
    done = run(files_settings, "restore", backup, "--identity", key, "--no-publish")
    assert done.exit_code == 0, done.output
    after = raw_files(files_settings, "originals")
    assert after == {name: data for name, data in before.items()
                     if name.rsplit("/", 1)[-1] in documented}
    checked = run(files_settings, "documents", "verify", "--area", "originals")
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("how", ["flip", "delete"])
def test_a_damaged_or_missing_file_stops_the_backup(files_settings, stores, documented, tmp_path,
                                                    how):
    damage(files_settings, "originals", documented[0], how)
    out = tmp_path / "backups"
    out.mkdir()
    result = run(files_settings, "backup", "-o", out / "b.age", "--recipient",
                 keys.generate(tmp_path / "id.txt"))
    assert result.exit_code == 1 and documented[0] in result.output
    assert "footprints documents verify" in result.output
    assert list(out.iterdir()) == []  # no backup, no .part
    log = [(e["action"], e["subject"]) for e in audit.entries(stores.vault)][-2:]
    assert log == [("backup.started", "b.age"), ("backup.failed", "b.age")]
    missing = run(files_settings, "backup", "-o", tmp_path / "nowhere" / "b.age",
                  "--recipient", keys.generate(tmp_path / "id2.txt"))
    assert missing.exit_code == 1 and "is not a folder" in missing.output
