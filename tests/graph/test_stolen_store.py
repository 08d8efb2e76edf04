"""What a stolen vault reveals: the bytes of the vault's store files (its data directory,
transaction logs and index files included, checkpointed by a clean stop), of a ``footprints
export --store vault`` file and of a backup (its age encryption taken off with the backup's
identity: what someone who holds that identity but not the data key reads), hold none of
the fixture's contact details (phones, e-mail and street addresses), private notes,
consent evidence, nor the names of its witness and relative in any form (Latin, Hangul,
their variants) (graph/encryption.py).

Every secret carries a marker made for this run, so what earlier runs left in the store's
free pages and logs cannot make the test pass or fail. A long plain field (a victim's
name, not encrypted: docs/encryption.md) is the control: found in the same bytes, it
shows the search would see a secret if one were there."""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

import pyrage
import pytest
from click.testing import CliRunner

from loaders.importer import import_file
from ops.backup import keys
from ops.neo4j.control import Instance
from service.cli import main

pytestmark = pytest.mark.slow  # stops and starts the test vault

#: Hangul syllables a marker's hex digits are spelled in (the Hangul names carry it too).
HANGUL_DIGITS = "가나다라마바사아자차카타파하거너"


def hangul(marker: str) -> str:
    return "".join(HANGUL_DIGITS[int(c, 16)] for c in marker)


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
        own = hashlib.sha256(f"{marker} {role}".encode()).hexdigest()[:16]  # this person's
        names = {"name_en": f"Synthetic {role} name{own} of the stolen store",
                 "name_ko": f"합성{hangul(own)}",
                 "name_variants": [f"Synthetic {role} variant{own}", f"변형{hangul(own)}"]}
        records.append({"record": "Person", "uid": uid, "roles": [role], **names,
                        "owner": "org-s", "contact": contact, "notes": notes, "synthetic": True})
        # a victim's names are plain (the control); a witness's or relative's, in every
        # form, and the words a full-text index would hold of them (lower-cased), are not
        found += [names["name_en"], names["name_ko"], *names["name_variants"],
                  f"name{own}", f"variant{own}", hangul(own)] if role != "Victim" else []
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


def test_the_vault_files_an_export_and_a_backup_reveal_no_secret_without_the_key(
        stores, vault, public, settings, tmp_path):
    marker = secrets.token_hex(8)
    records, found = fixture(marker)
    path = tmp_path / "secrets.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                    encoding="utf-8")
    import_file(vault, path, database=stores.database("vault"))
    out = tmp_path / "vault.jsonl"
    result = CliRunner().invoke(main, ["export", "--store", "vault", "-o", str(out)],
                                obj=settings)
    assert result.exit_code == 0, result.output
    identity = tmp_path / "identity.txt"
    backup = tmp_path / "vault.backup"
    result = CliRunner().invoke(main, ["backup", "-o", str(backup), "--recipient",
                                       keys.generate(identity)], obj=settings)
    assert result.exit_code == 0, result.output
    opened = tmp_path / "backup.plain"  # the backup with its age layer taken off
    with backup.open("rb") as sealed, opened.open("wb") as plain:
        pyrage.decrypt_io(sealed, plain, keys.identities(identity))
    assert opened.read_bytes().startswith(b"FOOTPRINTS-BACKUP")
    # Community has no db.checkpoint(): a clean stop checkpoints, so every page is on disk.
    server = Instance(settings, settings.vault)
    server.stop()
    try:
        files = [p for p in (settings.neo4j_dir / "vault" / "data").rglob("*") if p.is_file()]
        assert any("transactions" in p.parts for p in files) and any(
            "databases" in p.parts for p in files)
        assert any("schema" in p.parts for p in files)  # the indexes' files, full-text too
        secret_needles = [s.encode("utf-8") for s in found]
        victim = next(r for r in records if r.get("uid") == "p-v")
        control, control_ko = victim["name_en"].encode(), victim["name_ko"].encode()
        in_store = holding(files, [*secret_needles, control, control_ko])
    finally:
        server.start()
        server.wait_until_ready()

    assert {control, control_ko} <= in_store  # the search sees what is stored in the clear
    assert in_store == {control, control_ko}
    for made in (out, opened):
        assert holding([made], [*secret_needles, control, control_ko]) == {control, control_ko}
