"""graph/encryption.py: sealed values, keys, lookups and the canary, on the real vault."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import stat

import pytest
import yaml

from graph import encryption
from graph.encryption import DataKey, Keyring, Tampered
from graph.model import ModelError, load

KEY = DataKey(b"\x01" * 32)
OTHER = DataKey(b"\x02" * 32)


def test_the_model_declares_the_encrypted_fields_once():
    assert encryption.ENCRYPTED == {"Person": ("contact", "notes"),
                                    "Consent": ("obtained_by", "evidence")}


def test_a_field_that_may_be_public_cannot_be_encrypted(tmp_path):
    from graph.model import HERE

    for part in ("index.yml", "vocabularies.yml", "relationships.yml"):
        (tmp_path / part).write_text((HERE / part).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "records").mkdir()
    for path in (HERE / "records").glob("*.yml"):
        (tmp_path / "records" / path.name).write_text(path.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    person = yaml.safe_load((tmp_path / "records" / "person.yml").read_text(encoding="utf-8"))
    person["Person"]["fields"]["name_variants"]["encrypted"] = True  # public: true
    (tmp_path / "records" / "person.yml").write_text(yaml.safe_dump(person, allow_unicode=True),
                                                    encoding="utf-8")
    with pytest.raises(ModelError, match="never public"):
        load(tmp_path)


def test_sealed_values_open_for_their_record_and_field_only():
    ring = Keyring(KEY)
    sealed = ring.seal("+82 10 1234 5678", "p-1", "contact")
    assert sealed.startswith(f"fpenc:1:{KEY.id}:") and "1234" not in sealed
    assert ring.seal("+82 10 1234 5678", "p-1", "contact") != sealed  # a nonce per value
    assert ring.open(sealed, "p-1", "contact") == "+82 10 1234 5678"
    with pytest.raises(Tampered, match="record p-2: field contact"):
        ring.open(sealed, "p-2", "contact")  # moved to another record
    with pytest.raises(Tampered, match="record p-1: field notes"):
        ring.open(sealed, "p-1", "notes")  # moved to another field
    body = sealed.rsplit(":", 1)[1]
    flipped = sealed[:-len(body)] + ("A" if body[0] != "A" else "B") + body[1:]
    with pytest.raises(Tampered, match="does not open"):
        ring.open(flipped, "p-1", "contact")
    with pytest.raises(Tampered, match="not loaded"):
        Keyring(OTHER).open(sealed, "p-1", "contact")
    with pytest.raises(Tampered, match="not sealed"):
        ring.open("plain text", "p-1", "contact")


def test_lists_are_sealed_item_by_item_each_bound_to_its_place():
    ring = Keyring(KEY)
    sealed = ring.seal_value(["Kim A", "Kim B"], "p-1", "name_variants")
    assert ring.open_value(sealed, "p-1", "name_variants") == ["Kim A", "Kim B"]
    with pytest.raises(Tampered):
        ring.open_value(list(reversed(sealed)), "p-1", "name_variants")


def test_record_properties_are_sealed_and_opened_by_the_model():
    ring = Keyring(KEY)
    props = {"uid": "p-1", "name_en": "Kim", "contact": "phone", "notes": None}
    sealed = ring.seal_props("Person", "p-1", props)
    assert sealed["name_en"] == "Kim" and encryption.is_sealed(sealed["contact"])
    assert sealed["notes"] is None and sealed["sealed_with"] == KEY.id
    assert ring.open_props("Person", sealed) == {k: v for k, v in props.items()}
    # an unchanged value keeps its sealed form (a re-import changes nothing) ...
    again = ring.seal_props("Person", "p-1", props, previous=sealed)
    assert again["contact"] == sealed["contact"]
    # ... a changed one, or one sealed with an older key, is sealed anew
    assert ring.seal_props("Person", "p-1", {**props, "contact": "other"},
                           previous=sealed)["contact"] != sealed["contact"]
    newer = Keyring(OTHER).with_key(KEY)
    assert encryption.key_id_of(newer.seal_props("Person", "p-1", props, previous=sealed)
                                ["contact"]) == OTHER.id
    # a value given sealed (a sealed export re-imported) is opened, then sealed again
    assert ring.open_props("Person", ring.seal_props("Person", "p-1", sealed)) == props
    with pytest.raises(Tampered, match="record p-9: field contact"):
        ring.seal_props("Person", "p-9", sealed)


def test_lookups_are_keyed_hashes_of_the_normalised_text():
    ring = Keyring(KEY)
    assert ring.lookup("Kim  Jong-il") == ring.lookup("kim jong il")
    assert ring.lookup("Kim Jong-il") != Keyring(OTHER).lookup("Kim Jong-il")
    assert ring.lookup("kim jong il") != hashlib.sha256(b"kim jong il").hexdigest()


def test_keys_come_from_the_environment_a_file_or_var(settings, tmp_path):
    key = encryption.generate_key()
    assert encryption.load_key(dataclasses.replace(settings, data_key=key)).raw == \
        base64.b64decode(key)
    path = encryption.write_key_file(tmp_path / "k")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert encryption.load_key(dataclasses.replace(settings, data_key_file=path)).raw == \
        base64.b64decode(path.read_text())
    local = dataclasses.replace(settings, var_dir=tmp_path / "var")
    made = encryption.load_key(local)
    assert stat.S_IMODE((tmp_path / "var" / "data_key").stat().st_mode) == 0o600
    assert encryption.load_key(local) == made  # made once
    with pytest.raises(encryption.KeyInvalid, match="not base64"):
        encryption.load_key(dataclasses.replace(settings, data_key="not a key!"))
    with pytest.raises(encryption.KeyInvalid, match="32 bytes"):
        encryption.load_key(dataclasses.replace(settings, data_key=base64.b64encode(b"short")
                                                .decode()))
    with pytest.raises(encryption.KeyInvalid, match="cannot be read"):
        encryption.load_key(dataclasses.replace(settings, data_key_file=tmp_path / "none"))
    remote = dataclasses.replace(settings, vault=dataclasses.replace(settings.vault,
                                                                     managed=False))
    with pytest.raises(encryption.KeyMissing, match="FOOTPRINTS_DATA_KEY"):
        encryption.load_key(remote)


def test_the_canary_is_made_once_then_refuses_another_key(stores, vault):
    database = stores.database("vault")
    assert encryption.check_canary(vault, database, Keyring(KEY)) == KEY.id
    assert encryption.check_canary(vault, database, Keyring(KEY)) == KEY.id
    with pytest.raises(encryption.WrongKey, match=f"canary says key {KEY.id}"):
        encryption.check_canary(vault, database, Keyring(OTHER))
    # during a rotation both keys are loaded: the old canary still opens
    assert encryption.check_canary(vault, database, Keyring(OTHER).with_key(KEY)) == KEY.id


def test_a_vault_without_canary_but_with_values_of_another_key_is_refused(stores, vault):
    vault.execute_query("CREATE (:Entity:Person {uid: 'p-x', sealed_with: $kid})",
                        kid=OTHER.id, database_=stores.database("vault"))
    with pytest.raises(encryption.WrongKey, match=OTHER.id):
        encryption.check_canary(vault, stores.database("vault"), Keyring(KEY))
