"""``footprints documents verify`` against the real vault, public graph and both file store
backends: the originals checked against the vault's Document nodes, the public copies
against the public graph's; each problem printed with its hash and document, exit 1."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from documents.store import open_store
from service.cli import main
from tests.support.files import damage


def run(settings, *args: str):
    return CliRunner().invoke(main, ["documents", "verify", *args], obj=settings)


def document(driver, uid: str, **files) -> None:
    """A Document node with its files' hashes and sizes (the model's Document label is not
    needed for the check: the query reads the properties)."""
    driver.execute_query("CREATE (d:Document {uid: $uid}) SET d += $files", uid=uid, files=files)


@pytest.fixture
def documented(files_settings, vault, public):
    """Two documents with an original and a thumbnail each in the vault, one of them public
    with its public copy and public thumbnail; every file stored."""
    originals, public_area = (open_store(files_settings, a) for a in ("originals", "public"))
    files = {}
    for uid in ("doc-1", "doc-2"):
        original = originals.put_bytes(f"the original of {uid}".encode() * 50)
        thumb = originals.put_bytes(f"the thumbnail of {uid}".encode() * 20)
        document(vault, uid, sha256=original.sha256, size=original.size,
                 thumb_sha256=thumb.sha256, thumb_size=thumb.size)
        files[uid] = {"original": original.sha256, "thumbnail": thumb.sha256}
    copy = public_area.put_bytes(b"the public copy of doc-1" * 40)
    public_thumb = public_area.put_bytes(b"the public thumbnail of doc-1" * 10)
    document(public, "doc-1", public_sha256=copy.sha256, public_size=copy.size,
             public_thumb_sha256=public_thumb.sha256, public_thumb_size=public_thumb.size)
    files["doc-1"] |= {"public copy": copy.sha256, "public thumbnail": public_thumb.sha256}
    return files


def test_an_intact_store_passes(files_settings, documented):
    result = run(files_settings)
    assert result.exit_code == 0, result.output
    assert "originals: 4 file(s) expected, 4 ok, 0 missing, 0 corrupt, 0 orphan(s)" in result.output
    assert "public: 2 file(s) expected, 2 ok, 0 missing, 0 corrupt, 0 orphan(s)" in result.output


def test_a_flipped_byte_is_caught_and_named(files_settings, documented):
    flipped = documented["doc-2"]["original"]
    damage(files_settings, "originals", flipped, "flip")
    result = run(files_settings)
    assert result.exit_code == 1, result.output
    assert "originals: 4 file(s) expected, 3 ok, 0 missing, 1 corrupt, 0 orphan(s)" in result.output
    assert f"  corrupt  {flipped}  doc-2 (original): the stored bytes hash to " in result.output
    assert "Error: the file store has 1 problem(s)" in result.output


def test_missing_and_orphan_files_in_the_public_area(files_settings, documented):
    lost = documented["doc-1"]["public thumbnail"]
    damage(files_settings, "public", lost, "delete")
    orphan = open_store(files_settings, "public").put_bytes(b"a copy left behind").sha256
    result = run(files_settings, "--area", "public")
    assert result.exit_code == 1, result.output
    assert "originals:" not in result.output
    assert "public: 2 file(s) expected, 1 ok, 1 missing, 0 corrupt, 1 orphan(s)" in result.output
    assert f"  missing  {lost}  doc-1 (public thumbnail)" in result.output
    assert f"  orphan   {orphan}  (no document names it)" in result.output
    assert "Error: the file store has 2 problem(s)" in result.output


def test_an_original_is_never_counted_as_a_public_file(files_settings, documented):
    """The areas are checked against their own graph: a vault original that found its way
    into the public area is an orphan there, not an expected file."""
    leaked = open_store(files_settings, "originals").open(documented["doc-2"]["original"]).read()
    name = open_store(files_settings, "public").put_bytes(leaked).sha256
    result = run(files_settings, "--area", "public")
    assert result.exit_code == 1
    assert f"  orphan   {name}  (no document names it)" in result.output
