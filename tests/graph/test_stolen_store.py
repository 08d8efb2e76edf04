"""What a stolen vault reveals: the bytes of the vault's store files (its data directory,
transaction logs included, checkpointed by a clean stop) and of a ``footprints export
--store vault`` file, read without the key, hold none of the fixture's contact details
(phones, e-mail and street addresses), private notes or consent evidence
(graph/encryption.py).

Every secret carries a marker made for this run, so what earlier runs left in the store's
free pages and logs cannot make the test pass or fail. A long plain field (a witness's
name, not encrypted by this version: docs/encryption.md) is the control: found in the
same bytes, it shows the search would see a secret if one were there."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders.importer import import_file
from ops.neo4j.control import Instance
from service.cli import main

pytestmark = pytest.mark.slow  # stops and starts the test vault


def fixture(marker: str) -> tuple[list[dict], list[str]]:
    """People of every kind with contact details, notes and consents: the records and the
    secrets among them."""
    people = [("p-w", "Witness"), ("p-r", "Relative"), ("p-v", "Victim")]
    records: list[dict] = [{"record": "Organization", "uid": "org-s", "name_en": "Synthetic org",
                            "kind": "ngo", "synthetic": True}]
    found: list[str] = []
    for uid, role in people:
        contact = (f"phone +82-10-{marker[:4]}-{uid[-1]}; e-mail {role.lower()}.{marker}"
                   f"@example.invalid; address {marker} Sejong-daero 209, Seoul")
        notes = f"Synthetic private note {marker} about the {role.lower()}'s family in Hyesan"
        records.append({"record": "Person", "uid": uid, "roles": [role],
                        "name_en": f"Synthetic {role} Controlname {marker} of the stolen store",
                        "owner": "org-s", "contact": contact, "notes": notes, "synthetic": True})
        evidence = f"Synthetic consent form {marker} of {uid}, cabinet 4, Seoul office"
        obtained = f"Synthetic interviewer {marker} {uid}"
        records += [{"record": "Consent", "uid": f"con-{uid}", "purpose": "publication",
                     "given_on": "2020-02-02", "obtained_by": obtained, "method": "written",
                     "evidence": evidence},
                    {"record": "rel", "type": "GAVE", "from": uid, "to": f"con-{uid}"}]
        found += [contact, notes, evidence, obtained, f"+82-10-{marker[:4]}-{uid[-1]}",
                  f"{role.lower()}.{marker}@example.invalid", f"{marker} Sejong-daero"]
    return records, found


def holding(paths: list[Path], needles: list[bytes]) -> set[bytes]:
    """The needles any of the files hold (read in chunks that overlap by the longest)."""
    seen: set[bytes] = set()
    overlap = max(map(len, needles))
    for path in paths:
        with path.open("rb") as fh:
            tail = b""
            while chunk := fh.read(1 << 22):
                window = tail + chunk
                seen.update(n for n in needles if n in window)
                tail = window[-overlap:]
    return seen


def test_the_vault_files_and_a_vault_export_reveal_no_secret_without_the_key(
        stores, vault, public, settings, tmp_path):
    marker = secrets.token_hex(8)
    records, found = fixture(marker)
    path = tmp_path / "secrets.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    import_file(vault, path, database=stores.database("vault"))
    out = tmp_path / "vault.jsonl"
    result = CliRunner().invoke(main, ["export", "--store", "vault", "-o", str(out)],
                                obj=settings)
    assert result.exit_code == 0, result.output
    # Community has no db.checkpoint(): a clean stop checkpoints, so every page is on disk.
    server = Instance(settings, settings.vault)
    server.stop()
    try:
        files = [p for p in (settings.neo4j_dir / "vault" / "data").rglob("*") if p.is_file()]
        assert any("transactions" in p.parts for p in files) and any(
            "databases" in p.parts for p in files)
        secret_needles = [s.encode("utf-8") for s in found]
        control = f"Synthetic Witness Controlname {marker} of the stolen store".encode()
        in_store = holding(files, [*secret_needles, control])
    finally:
        server.start()
        server.wait_until_ready()

    assert control in in_store  # the search sees what is stored in the clear
    assert in_store == {control}
    in_export = holding([out], [*secret_needles, control])
    assert in_export == {control}
