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


def model_with_person(tmp_path, change) -> None:
    """A copy of the model in ``tmp_path`` whose Person definition ``change`` edits."""
    from graph.model import HERE

    for part in ("index.yml", "vocabularies.yml", "relationships.yml"):
        (tmp_path / part).write_text((HERE / part).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "records").mkdir(exist_ok=True)
    for path in (HERE / "records").glob("*.yml"):
        (tmp_path / "records" / path.name).write_text(path.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    person = yaml.safe_load((tmp_path / "records" / "person.yml").read_text(encoding="utf-8"))
    change(person["Person"])
    (tmp_path / "records" / "person.yml").write_text(yaml.safe_dump(person, allow_unicode=True),
                                                    encoding="utf-8")


def test_a_field_that_may_be_public_cannot_be_encrypted(tmp_path):
    model_with_person(tmp_path, lambda p: p["fields"]["name_variants"].update(encrypted=True))
    with pytest.raises(ModelError, match="never public"):
        load(tmp_path)


def test_the_model_declares_once_the_names_sealed_for_witnesses_and_relatives():
    sealing = encryption.ROLE_SEALED["Person"]
    assert sealing.roles == ("Witness", "Relative")
    assert sealing.fields == ("name_en", "name_ko", "name_variants")
    assert (sealing.lookups, sealing.withheld) == ("name_hmacs", ("search_keys",))
    assert list(encryption.ROLE_SEALED) == ["Person"]
    assert encryption.SEALABLE["Person"] == ("contact", "notes", "name_en", "name_ko",
                                             "name_variants")
    assert encryption.sealed_for("Person", ["Person", "Witness", "Public"]) == \
        encryption.SEALABLE["Person"]
    assert encryption.sealed_for("Person", ["Relative", "Witness"]) == \
        encryption.SEALABLE["Person"]
    for roles in (["Victim"], ["Official"], ["Witness", "Victim"], ["Relative", "Official"], []):
        assert encryption.sealed_for("Person", roles) == ("contact", "notes"), roles


@pytest.mark.parametrize("change, message", [
    (lambda s: s.update(roles=["Witness", "Bystander"]), "roles"),
    (lambda s: s.update(fields=["name_en", "birth_year"]), "birth_year: text"),
    (lambda s: s.update(fields=["contact"]), "not encrypted for every record"),
    (lambda s: s.update(lookups="name_variants"), "lookups"),
    (lambda s: s.update(withheld=["nickname"]), "no field 'nickname'"),
    (lambda s: s.update(colour="red"), "unknown key"),
])
def test_the_model_refuses_a_role_sealing_it_cannot_use(tmp_path, change, message):
    model_with_person(tmp_path, lambda p: change(p["encrypted_for_roles"]))
    with pytest.raises(ModelError, match=message):
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
    sealed = ring.seal_props("Person", "p-1", props, roles=["Victim"])
    assert sealed["name_en"] == "Kim" and encryption.is_sealed(sealed["contact"])
    assert sealed["notes"] is None and sealed["sealed_with"] == KEY.id
    assert ring.open_props("Person", sealed) == {k: v for k, v in props.items()}
    # an unchanged value keeps its sealed form (a re-import changes nothing) ...
    again = ring.seal_props("Person", "p-1", props, previous=sealed, roles=["Victim"])
    assert again["contact"] == sealed["contact"]
    # ... a changed one, or one sealed with an older key, is sealed anew
    assert ring.seal_props("Person", "p-1", {**props, "contact": "other"},
                           previous=sealed, roles=["Victim"])["contact"] != sealed["contact"]
    newer = Keyring(OTHER).with_key(KEY)
    assert encryption.key_id_of(newer.seal_props("Person", "p-1", props, previous=sealed,
                                                 roles=["Victim"])["contact"]) == OTHER.id
    # a value given sealed (a sealed export re-imported) is opened, then sealed again
    assert ring.open_props("Person", ring.seal_props("Person", "p-1", sealed,
                                                     roles=["Victim"])) == props
    with pytest.raises(Tampered, match="record p-9: field contact"):
        ring.seal_props("Person", "p-9", sealed, roles=["Victim"])
    # a person's roles decide which fields are sealed: never guessed
    with pytest.raises(ValueError, match="needs its roles"):
        ring.seal_props("Person", "p-1", props)


WITNESS = {"uid": "p-w", "name_en": "Kim Chol-ho", "name_ko": "김철호",
           "name_variants": ["Kim Ch'ŏl-ho", "Gim Cheol-ho"], "search_keys": ["kimcholho", "cholho"],
           "contact": "phone", "sex": "male"}


def test_a_witness_or_relatives_names_are_sealed_by_their_roles():
    ring = Keyring(KEY)
    for roles in (["Witness"], ["Relative"], ["Witness", "Relative"]):
        sealed = ring.seal_props("Person", "p-w", WITNESS, roles=["Person", *roles])
        for name in ("name_en", "name_ko", "contact"):
            assert encryption.is_sealed(sealed[name]), (roles, name)
        assert all(encryption.is_sealed(v) for v in sealed["name_variants"])
        assert sealed["search_keys"] is None  # derived from the names: not stored for them
        assert sealed["sex"] == "male"
        text = repr(sealed)
        assert not any(n in text for n in ("Kim", "김철호", "Cheol", "chol")), roles
        # the lookups of every name and variant, compact too, and of the Hangul's spellings
        assert set(ring.query_lookups("KIM CHOL HO")) & set(sealed["name_hmacs"])
        assert set(ring.query_lookups("kim cholho")) & set(sealed["name_hmacs"])
        assert set(ring.query_lookups("김철호")) & set(sealed["name_hmacs"])
        assert set(ring.query_lookups("Gim Cheol-ho")) & set(sealed["name_hmacs"])
        assert set(ring.query_lookups("Kim Cheol-ho")) & set(sealed["name_hmacs"])  # 김철호, RR
        for part in ("Kim", "Chol-ho", "김", "철호", "Kim Chol"):  # a part is not the name
            assert not set(ring.query_lookups(part)) & set(sealed["name_hmacs"]), part
        opened = ring.open_props("Person", sealed)
        assert opened == {**WITNESS, "search_keys": None}
        assert ring.open_names("p-w", sealed)["name_variants"] == WITNESS["name_variants"]
        with pytest.raises(Tampered, match="record p-x: field name_en"):
            ring.open_names("p-x", sealed)  # moved to another record


def test_a_person_with_another_role_keeps_plain_names_and_gets_them_back():
    ring = Keyring(KEY)
    witness = ring.seal_props("Person", "p-w", WITNESS, roles=["Witness"])
    for roles in (["Victim"], ["Official"], ["Relative", "Victim"], ["Witness", "Official"]):
        plain = ring.seal_props("Person", "p-w", WITNESS, roles=roles)
        assert {k: plain[k] for k in ("name_en", "name_ko", "name_variants", "search_keys")} == \
            {k: WITNESS[k] for k in ("name_en", "name_ko", "name_variants", "search_keys")}
        assert plain["name_hmacs"] is None and encryption.is_sealed(plain["contact"])
        # a relative later documented as a victim: the sealed names given back are opened
        # (as a sealed export re-imported with the new role, or a rotation, gives them)
        reopened = ring.seal_props("Person", "p-w", {**witness, "search_keys": None},
                                   previous=witness, roles=roles)
        assert [reopened[k] for k in ("name_en", "name_ko", "name_variants")] == \
            [WITNESS[k] for k in ("name_en", "name_ko", "name_variants")]
        assert reopened["name_hmacs"] is None
    # and back to a witness only: sealed again
    again = ring.seal_props("Person", "p-w", WITNESS, previous=witness, roles=["Witness"])
    assert again["name_en"] == witness["name_en"]  # unchanged: the stored form is kept
    assert again["name_hmacs"] == witness["name_hmacs"]


def test_name_lookups_follow_the_key_and_a_search_tries_every_loaded_key():
    old, new = Keyring(KEY), Keyring(OTHER)
    assert old.name_lookups(["Kim Chol-ho"]) != new.name_lookups(["Kim Chol-ho"])
    rotating = new.with_key(KEY)
    assert set(rotating.query_lookups("Kim Chol-ho")) >= \
        set(old.query_lookups("Kim Chol-ho")) | set(new.query_lookups("Kim Chol-ho"))
    assert encryption.opened_names("p-1", {"name_en": "Plain"}) == {"name_en": "Plain"}



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
