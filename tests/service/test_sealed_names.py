"""The names of people who are only witnesses or relatives, sealed in the vault
(graph/encryption.py, docs/encryption.md): on every way in (the importer, the vault API's
and the workspace's edits), in the form the person's roles say after every change of roles,
found by their exact name through keyed hashes (never by a part of it), and opened on every
way out to someone allowed to see them: vault reads, dossiers, search hits, the workspace's
suggestions, exports with ``--decrypt``, the public graph when one is published with consent.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph import encryption
from graph.publication import publish_all, republish
from loaders.importer import import_file
from service.cli import main
from tests.support.leaks import CONSENT_STATES
from tests.support.workspace import Browser, signed_in

#: The fixture's relative (inside the DPRK) and witness: their names in every form given.
SEALED_PEOPLE = {
    "p-1005": ("Ri Sunhui-indprk", "리순희북한", ["Yi Sun-hui Indprk"]),
    "p-1006": ("Cha Dongsu-witness", "차동수증인", ["Ch'a Tong-su Witness"]),
}
NAMES = tuple(n for en, ko, variants in SEALED_PEOPLE.values() for n in (en, ko, *variants))
VICTIM = ("p-1001", "Hwang Ilsu-none", "황일수없음")


def stored(stores, query: str, **params) -> list[dict]:
    records, _, _ = stores.vault.execute_query(query, params, database_=stores.database("vault"))
    return [r.data() for r in records]


def person(stores, uid: str) -> dict:
    return stored(stores, "MATCH (p:Person {uid: $uid}) RETURN properties(p) AS p, "
                          "labels(p) AS labels", uid=uid)[0]


def names_in_vault(stores) -> list[str]:
    """Where the vault holds a sealed person's name as it is: every string (and string in a
    list) of every person and of every node that is not a record (the audit log, the
    gate's review list...). Other records' own text (a source's title, an event's summary,
    and the gate's copy of published records' text) may name them: the fixture's do on
    purpose, for the gate to withhold."""
    rows = stored(stores, "MATCH (n) WHERE n:Person OR NOT (n:Entity OR n:PublicText) "
                          "UNWIND keys(n) AS k "
                          "RETURN coalesce(n.uid, toString(n.seq)) AS uid, k, n[k] AS v")
    out = []
    for row in rows:
        values = row["v"] if isinstance(row["v"], list) else [row["v"]]
        text = " ".join(str(v) for v in values)
        out += [f"{row['uid']}.{row['k']}: {n}" for n in NAMES if n in text]
    return out


def test_importer_seals_witness_and_relative_names_and_victims_stay_plain(stores, vault):
    report = import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    keyring = encryption.active()
    for uid, (en, ko, variants) in SEALED_PEOPLE.items():
        props = person(stores, uid)["p"]
        assert encryption.is_sealed(props["name_en"]) and encryption.is_sealed(props["name_ko"])
        assert all(encryption.is_sealed(v) for v in props["name_variants"])
        assert keyring.open_names(uid, props) == {**props, "name_en": en, "name_ko": ko,
                                                  "name_variants": variants}
        assert "search_keys" not in props  # compact forms of the names: not for them
        assert set(keyring.query_lookups(en)) & set(props["name_hmacs"])
        assert set(keyring.query_lookups(ko)) & set(props["name_hmacs"])
    assert names_in_vault(stores) == []
    victim = person(stores, VICTIM[0])["p"]
    assert (victim["name_en"], victim["name_ko"]) == VICTIM[1:]
    assert victim["search_keys"] and "name_hmacs" not in victim
    again = import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    assert not again.written.updated and again.written.unchanged == report.written.created


def search(api, caller, text: str) -> list[str]:
    got = api.get("/api/v1/vault/search", query_string={"q": text}, headers=caller.headers)
    assert got.status_code == 200, got.get_json()
    return [hit["uid"] for hit in got.get_json()]


def test_vault_reads_show_the_names_and_search_finds_the_exact_name_only(api, users, stores):
    editor = users["editor"]
    record = api.get("/api/v1/vault/records/p-1006", headers=editor.headers).get_json()["record"]
    assert (record["name_en"], record["name_ko"], record["name_variants"]) == \
        SEALED_PEOPLE["p-1006"]
    assert "name_hmacs" not in record and "sealed_with" not in record
    dossier = api.get("/api/v1/vault/persons/p-1007", headers=editor.headers).get_json()
    sister = next(r["other"] for r in dossier["relationships"] if r["other"]["uid"] == "p-1005")
    assert sister["name_en"] == "Ri Sunhui-indprk"
    for text in ("Cha Dongsu-witness", "cha dongsu witness", "CHA DONGSUWITNESS", "차동수증인",
                 "Ch'a Tong-su Witness"):
        assert "p-1006" in search(api, editor, text), text  # (and victims sharing a word)
    hit = api.get("/api/v1/vault/search?q=차동수증인", headers=editor.headers).get_json()[0]
    assert (hit["name_en"], hit["name_variants"]) == ("Cha Dongsu-witness",
                                                      ["Ch'a Tong-su Witness"])
    for part in ("Cha", "Dongsu", "차동", "Cha Dongsu"):  # by design: docs/encryption.md
        assert "p-1006" not in search(api, editor, part), part
    assert search(api, editor, "Hwang") == ["p-1001"]  # a victim: any part of the name
    # another organisation's relative: found by no one else, exact name or not
    assert search(api, users["editor-b"], "Ri Sunhui-indprk") == []
    assert "p-2001" not in search(api, users["editor"], "Cho Hidden-orgb")


def test_the_workspace_finds_and_shows_them(vault_app, users, stores):
    browser = signed_in(lambda: Browser(vault_app), users["editor"])
    found = browser.get("/workspace/suggest", query_string={"q": "리순희북한", "kind": "Person"}
                        ).get_json()
    assert [(i["uid"], i["label"]) for i in found] == [("p-1005", "Ri Sunhui-indprk")]
    page = browser.get("/workspace/records", query_string={"q": "Cha Dongsu-witness"})
    assert "Cha Dongsu-witness" in page.get_data(as_text=True)
    shown = browser.get("/workspace/records/p-1006").get_data(as_text=True)
    assert "Cha Dongsu-witness" in shown and "fpenc:" not in shown
    for part in ("Sunhui", "리순희", "Ri Sunhui"):  # a part of a sealed name finds nothing
        found = browser.get("/workspace/suggest", query_string={"q": part, "kind": "Person"})
        assert "p-1005" not in {i["uid"] for i in found.get_json()}, part


def patch_roles(api, caller, uid: str, roles: list[str]) -> dict:
    got = api.get(f"/api/v1/vault/records/{uid}", headers=caller.headers)
    changed = api.patch(f"/api/v1/vault/records/{uid}", json={"roles": roles},
                        headers={**caller.headers, "If-Match": got.headers["ETag"]})
    assert changed.status_code == 200, changed.get_json()
    return changed.get_json()["record"]


def test_a_change_of_roles_stores_the_names_in_the_form_the_roles_say(api, users, stores):
    editor = users["editor"]
    en, ko, variants = SEALED_PEOPLE["p-1005"]
    # a relative later documented as a victim: the names are opened on that write ...
    record = patch_roles(api, editor, "p-1005", ["Relative", "Victim"])
    assert (record["name_en"], record["name_ko"], record["name_variants"]) == (en, ko, variants)
    props = person(stores, "p-1005")["p"]
    assert (props["name_en"], props["name_ko"], props["name_variants"]) == (en, ko, variants)
    assert props["search_keys"] and not props.get("name_hmacs")  # (none, or an empty list)
    assert encryption.is_sealed(props["contact"])  # contact details stay sealed for everyone
    assert "p-1005" in search(api, editor, "Sunhui")
    # ... and sealed again on the write that takes the role away
    record = patch_roles(api, editor, "p-1005", ["Relative"])
    assert record["name_en"] == en
    props = person(stores, "p-1005")["p"]
    assert encryption.is_sealed(props["name_en"]) and encryption.is_sealed(props["name_ko"])
    assert not props.get("search_keys") and props["name_hmacs"]
    assert "p-1005" not in search(api, editor, "Sunhui")
    assert search(api, editor, en) == ["p-1005"]
    # a victim who turns out to be a witness only: sealed from then on
    patch_roles(api, editor, "p-1001", ["Witness"])
    assert encryption.is_sealed(person(stores, "p-1001")["p"]["name_en"])
    assert names_in_vault(stores) == []


def test_an_import_that_adds_a_role_opens_the_names(stores, vault, tmp_path):
    import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    row = next(r for r in map(json.loads, CONSENT_STATES.open()) if r.get("uid") == "p-1006")
    path = tmp_path / "victim.jsonl"
    path.write_text(json.dumps({**row, "roles": ["Victim"]}, ensure_ascii=False), encoding="utf-8")
    import_file(vault, path, database=stores.database("vault"))
    found = person(stores, "p-1006")
    assert {"Victim", "Witness"} <= set(found["labels"])  # a merge adds roles
    assert found["p"]["name_en"] == "Cha Dongsu-witness" and not found["p"].get("name_hmacs")
    assert found["p"]["search_keys"]


def test_vault_exports_keep_them_sealed_unless_asked(stores, vault, tmp_path):
    import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    sealed, plain = tmp_path / "sealed.jsonl", tmp_path / "plain.jsonl"
    runner = CliRunner()
    assert runner.invoke(main, ["export", "--store", "vault", "-o", str(sealed)],
                         obj=stores.settings).exit_code == 0
    text = sealed.read_text(encoding="utf-8")
    records = {r["uid"]: r for r in map(json.loads, text.splitlines()) if "uid" in r}
    # (a letter's title and an event's summary name them on purpose: a record's own text)
    people = json.dumps([r for r in records.values() if r["record"] == "Person"],
                        ensure_ascii=False)
    assert [n for n in NAMES if n in people] == []
    assert encryption.is_sealed(records["p-1005"]["name_en"])
    assert "name_hmacs" not in records["p-1005"] and "search_keys" not in records["p-1005"]
    assert runner.invoke(main, ["export", "--store", "vault", "--decrypt", "-o", str(plain),
                                "--by", "tester"], obj=stores.settings).exit_code == 0
    opened = {r["uid"]: r for r in map(json.loads, plain.open()) if "uid" in r}
    for uid, (en, ko, variants) in SEALED_PEOPLE.items():
        assert (opened[uid]["name_en"], opened[uid]["name_ko"], opened[uid]["name_variants"]) \
            == (en, ko, variants)


WITNESS_FILE = [
    {"record": "Organization", "uid": "org-w", "name_en": "Synthetic Witness Group",
     "kind": "ngo", "review_status": "approved"},
    {"record": "Source", "uid": "src-w", "kind": "testimony", "title": "Synthetic testimony",
     "terms_of_use": "public", "submitted_by": "org-w", "submitted_on": "2020-01-01",
     "review_status": "approved"},
    {"record": "Person", "uid": "p-wit", "roles": ["Witness"], "name_en": "Yun Kyongsik-public",
     "name_ko": "윤경식공개", "name_variants": ["Yoon Kyung-sik Public"], "sex": "male",
     "owner": "org-w", "review_status": "approved", "contact": "Synthetic phone of a witness"},
    {"record": "Consent", "uid": "con-wit", "purpose": "publication", "given_on": "2021-01-01",
     "obtained_by": "Synthetic editor", "method": "written"},
    {"record": "rel", "type": "GAVE", "from": "p-wit", "to": "con-wit"},
    {"record": "rel", "type": "SUPPORTS", "from": "src-w", "to": "p-wit"},
]


def public_person(stores, uid: str) -> dict:
    records, _, _ = stores.public.execute_query(
        "MATCH (p:Person {uid: $uid}) RETURN properties(p) AS p", uid=uid,
        database_=stores.database("public"))
    return dict(records[0]["p"]) if records else {}


def test_a_witness_published_with_consent_is_published_by_name_never_ciphertext(
        stores, vault, public, tmp_path):
    path = tmp_path / "witness.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in WITNESS_FILE),
                    encoding="utf-8")
    import_file(vault, path, database=stores.database("vault"))
    assert encryption.is_sealed(person(stores, "p-wit")["p"]["name_en"])
    publish_all(vault, public, stores.database("vault"), stores.database("public"))
    props = public_person(stores, "p-wit")
    assert (props["name_en"], props["name_ko"], props["name_variants"]) == (
        "Yun Kyongsik-public", "윤경식공개", ["Yoon Kyung-sik Public"])
    assert "yunkyongsikpublic" in props["search_keys"]  # public search finds compact forms
    assert not {"name_hmacs", "sealed_with", "contact"} & set(props)
    every = stores.public.execute_query("MATCH (n) RETURN properties(n) AS p",
                                        database_=stores.database("public")).records
    assert every and not any(encryption.PREFIX in repr(dict(r["p"])) for r in every)
    # an incremental republish (an edit of the witness) does the same
    stored(stores, "MATCH (p:Person {uid: 'p-wit'}) SET p.birth_year = 1950")
    republish(vault, public, ["p-wit"], stores.database("vault"), stores.database("public"))
    props = public_person(stores, "p-wit")
    assert props["name_en"] == "Yun Kyongsik-public" and props["birth_year"] == 1950
