"""Key rotation (graph/rotation.py, ``footprints keys rotate``): every sealed value re-sealed
under the new key, resumable after the rotating process is killed between two batches,
the canary switched last, audited; and ``footprints keys generate``."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import encryption
from graph.encryption import Keyring
from loaders.importer import import_file
from service.cli import main
from tests.support.stores import wipe

ROOT = Path(__file__).resolve().parents[2]
CONSENT_STATES = ROOT / "tests" / "graph" / "data" / "consent_states.jsonl"
#: A rotation in batches of 3 that stops after its first batch, until a line comes on stdin
#: (the test kills it there: between two batches, as a crash would).
PAUSING_ROTATION = """
import sys

from graph import encryption
from graph.connections import open_driver
from graph.rotation import rotate
from graph.settings import Settings

settings = Settings.from_env()
vault = open_driver(settings, settings.vault)
done = 0


def pause_after_the_first_batch(records):
    global done
    done += records
    if done == records:
        print("paused", flush=True)
        sys.stdin.readline()


old = encryption.Keyring(encryption.load_key(settings))
rotate(vault, settings.vault.database, old, encryption.read_key_file(sys.argv[1]), "cli:test",
       batch_size=3, progress=pause_after_the_first_batch)
"""


def sealed_state(stores) -> dict[str, str | None]:
    records, _, _ = stores.vault.execute_query(
        "MATCH (n:Entity) WHERE n:Person OR n:Consent RETURN n.uid AS uid, n.sealed_with AS k",
        database_=stores.database("vault"))
    return {r["uid"]: r["k"] for r in records}


def opened(stores, keyring: Keyring, skip: tuple[str, ...] = ()) -> dict[str, dict]:
    records, _, _ = stores.vault.execute_query(
        "MATCH (n:Entity) WHERE (n:Person OR n:Consent) AND NOT n.uid IN $skip "
        "RETURN labels(n) AS labels, properties(n) AS props", skip=list(skip),
        database_=stores.database("vault"))
    out = {}
    for r in records:
        label = "Person" if "Person" in r["labels"] else "Consent"
        props = keyring.open_props(label, r["props"])
        out[props["uid"]] = {k: props.get(k) for k in encryption.SEALABLE[label]}
    return out


def test_keys_generate_writes_a_private_key_file_once(tmp_path):
    path = tmp_path / "new.key"
    result = CliRunner().invoke(main, ["keys", "generate", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    encryption.read_key_file(path)
    again = CliRunner().invoke(main, ["keys", "generate", "-o", str(path)])
    assert again.exit_code == 1 and "never overwritten" in again.output


def test_rotation_killed_between_batches_resumes_and_switches_the_canary_last(
        stores, vault, settings, tmp_path):
    database = stores.database("vault")
    import_file(vault, CONSENT_STATES, database=database)
    stores.unlock()
    old = encryption.active()
    before = opened(stores, old) | {"p-old": {
        "contact": "Synthetic phone from before encryption", "notes": None, "name_en": "Old",
        "name_ko": None, "name_variants": None}}
    assert before["p-1006"]["name_en"] == "Cha Dongsu-witness"
    # a record from before encryption: plain text, no key id; the rotation seals it too
    vault.execute_query("CREATE (:Entity:Person:Confidential {uid: 'p-old', name_en: 'Old', "
                        "contact: 'Synthetic phone from before encryption'})", database_=database)
    # a witness whose names were stored before they were sealed: the rotation seals them
    vault.execute_query("MATCH (p:Person {uid: 'p-1006'}) SET p.name_en = 'Cha Dongsu-witness', "
                        "p.search_keys = ['chadongsuwitness'] REMOVE p.name_hmacs",
                        database_=database)
    new_file = encryption.write_key_file(tmp_path / "new.key")
    new = encryption.read_key_file(new_file)
    total = len(sealed_state(stores))
    assert total > 6

    env = {**os.environ, "FOOTPRINTS_VAR": str(settings.var_dir),
           "FOOTPRINTS_VAULT_PORT": str(settings.vault.bolt_port),
           "FOOTPRINTS_PUBLIC_PORT": str(settings.public.bolt_port)}
    child = subprocess.Popen([sys.executable, "-c", PAUSING_ROTATION, str(new_file)], cwd=ROOT,
                             env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready and child.stdout.readline().strip() == "paused"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    state = sealed_state(stores)
    assert sum(k == new.id for k in state.values()) == 3  # the first batch, whole
    assert sum(k != new.id for k in state.values()) == total - 3
    # the canary still opens with the old key only: the app keeps the old key until the end
    assert encryption.check_canary(vault, database, old) == old.current.id
    with pytest.raises(encryption.Tampered, match=f"{new.id}, which is not loaded"):
        opened(stores, old, skip=("p-old",))

    result = CliRunner().invoke(main, ["keys", "rotate", "--new-key-file", str(new_file),
                                       "--batch-size", "4", "--by", "tester"], obj=settings)
    assert result.exit_code == 0, (result.output, result.exception)
    assert f"under key {new.id}" in result.output
    assert set(sealed_state(stores).values()) == {new.id}
    assert opened(stores, Keyring(new)) == before
    # the names sealed for witnesses and relatives only: re-sealed, their lookups under the
    # new key (the old key's no longer find them), the compact search keys gone
    for uid in ("p-1005", "p-1006"):
        props = vault.execute_query("MATCH (p:Person {uid: $uid}) RETURN properties(p) AS p",
                                    uid=uid, database_=database).records[0]["p"]
        assert encryption.key_id_of(props["name_en"]) == new.id
        assert all(encryption.key_id_of(v) == new.id for v in props["name_variants"])
        names = [before[uid]["name_en"], before[uid]["name_ko"], *before[uid]["name_variants"]]
        assert props["name_hmacs"] == Keyring(new).name_lookups(names)
        assert not set(props["name_hmacs"]) & set(old.name_lookups(names))
        assert "search_keys" not in props
    victim = vault.execute_query("MATCH (p:Person {uid: 'p-1001'}) RETURN p.name_en AS n, "
                                 "p.name_hmacs AS h", database_=database).records[0]
    assert (victim["n"], victim["h"]) == ("Hwang Ilsu-none", None)
    with pytest.raises(encryption.WrongKey):
        encryption.check_canary(vault, database, old)
    assert encryption.check_canary(vault, database, Keyring(new)) == new.id
    records, _, _ = vault.execute_query(
        "MATCH (a:AuditEntry) WHERE a.action STARTS WITH 'keys.rotate' "
        "RETURN a.action AS action, a.actor AS actor ORDER BY a.seq", database_=database)
    assert [(r["action"], r["actor"]) for r in records] == [
        ("keys.rotate.started", "cli:test"), ("keys.rotate.started", "tester"),
        ("keys.rotate.finished", "tester")]
    # the old key no longer opens the vault at start-up; a rerun with the new key in use
    # has nothing left to do
    try:
        wrong = CliRunner().invoke(main, ["keys", "rotate", "--new-key-file", str(new_file)],
                                   obj=settings)
        assert wrong.exit_code == 1 and "not the key this vault was sealed with" in wrong.output
    finally:  # the vault back to the session's key, as the other tests expect
        wipe(stores, "vault")
        stores.unlock()
