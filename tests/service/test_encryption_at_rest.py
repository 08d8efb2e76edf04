"""Encryption at rest (graph/encryption.py) through every way in and out of the vault:
the importer, the vault API's edits, consent recording, reads, exports; a wrong key at
start-up; a tampered value named, never shown."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import encryption
from graph.connections import Stores
from graph.consent.editor import record_consent
from loaders.importer import import_file
from service.cli import main

ROOT = Path(__file__).resolve().parents[2]
CONSENT_STATES = ROOT / "tests" / "graph" / "data" / "consent_states.jsonl"
#: Plain texts of the fixture's encrypted fields: none may be stored or exported as is.
SECRETS = ("Synthetic phone for", "Synthetic private note about", "Synthetic consent form of",
           "Synthetic editor")


def stored(stores, query: str, **params) -> list[dict]:
    records, _, _ = stores.vault.execute_query(query, params, database_=stores.database("vault"))
    return [r.data() for r in records]


def plain_texts_in_vault(stores) -> list[str]:
    """Every stored string property of the domain's nodes that holds a fixture secret."""
    rows = stored(stores, "MATCH (n:Entity) UNWIND keys(n) AS k WITH n, k WHERE "
                          "n[k] IS :: STRING RETURN n.uid AS uid, k, n[k] AS v")
    rows += stored(stores, "MATCH (n:AuditEntry) RETURN n.seq AS uid, 'details' AS k, "
                           "toString(n.details) AS v")
    return [f"{r['uid']}.{r['k']}" for r in rows if any(s in (r["v"] or "") for s in SECRETS)]


def test_the_importer_seals_and_a_reimport_changes_nothing(stores, vault):
    report = import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    assert plain_texts_in_vault(stores) == []
    person = stored(stores, "MATCH (p:Person {uid: 'p-1001'}) RETURN p.contact AS c, "
                            "p.sealed_with AS k, p.name_en AS name")[0]
    assert encryption.is_sealed(person["c"]) and person["k"] == encryption.active().current.id
    assert person["name"] == "Hwang Ilsu-none"  # a victim's name is not encrypted (step 2)
    assert encryption.active().open(person["c"], "p-1001", "contact") == \
        "Synthetic phone for Hwang Ilsu-none"
    again = import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    assert not again.written.updated and again.written.unchanged == report.written.created
    assert stored(stores, "MATCH (p:Person {uid: 'p-1001'}) RETURN p.contact AS c")[0]["c"] == \
        person["c"]


def test_vault_api_reads_open_and_edits_seal(api, users, stores):
    editor = users["editor"]
    got = api.get("/api/v1/vault/records/p-1001", headers=editor.headers)
    assert got.status_code == 200, got.get_json()
    assert got.get_json()["record"]["contact"] == "Synthetic phone for Hwang Ilsu-none"
    put = api.patch("/api/v1/vault/records/p-1001", headers={
        **editor.headers, "If-Match": got.headers["ETag"]}, json={"contact": "new +82 2 555"})
    assert put.status_code == 200, put.get_json()
    assert put.get_json()["record"]["contact"] == "new +82 2 555"
    raw = stored(stores, "MATCH (p:Person {uid: 'p-1001'}) RETURN p.contact AS c")[0]["c"]
    assert encryption.is_sealed(raw) and "555" not in raw
    created = api.post("/api/v1/vault/records", headers=editor.headers, json={
        "record": "Person", "roles": ["Witness"], "name_en": "Test Witness",
        "contact": "Synthetic phone for the new witness", "notes": "Synthetic private note about"})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["record"]["contact"] == "Synthetic phone for the new witness"
    assert plain_texts_in_vault(stores) == []
    entries = stored(stores, "MATCH (a:AuditEntry) WHERE a.action STARTS WITH 'record.' "
                             "RETURN toString(a.details) AS d")
    assert entries and not any("555" in e["d"] for e in entries)


def test_consents_recorded_are_sealed_and_shown_to_who_manages_them(api, users, stores):
    editor = users["editor"]
    posted = api.post("/api/v1/vault/persons/p-1001/consents", headers=editor.headers, json={
        "purpose": "un_submission", "given_on": "2020-01-02", "obtained_by": "Synthetic editor Z",
        "method": "written", "evidence": "Synthetic consent form of p-1001, box 9"})
    assert posted.status_code in (200, 201), posted.get_json()
    assert plain_texts_in_vault(stores) == []
    dossier = api.get("/api/v1/vault/persons/p-1001", headers=editor.headers)
    assert dossier.status_code == 200, dossier.get_json()
    texts = {(c.get("obtained_by"), c.get("evidence")) for c in dossier.get_json()["consents"]}
    assert ("Synthetic editor Z", "Synthetic consent form of p-1001, box 9") in texts
    explained = api.get("/api/v1/vault/records/p-1001/explanation", headers=editor.headers)
    assert explained.status_code == 200, explained.get_json()  # names who obtained each
    assert "Synthetic editor Z" in {c["obtained_by"] for c in explained.get_json()["consents"]}


def test_the_cli_records_consent_sealed(stores, vault, public):
    import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    record_consent(stores, "p-1006", "un_submission", date(2020, 1, 1), "Synthetic editor Q",
                   actor="test", evidence="Synthetic consent form of Cha, drawer 3")
    assert plain_texts_in_vault(stores) == []


def test_a_tampered_value_is_an_error_naming_the_record_and_field(api, users, stores):
    stored(stores, "MATCH (a:Person {uid: 'p-1001'}), (b:Person {uid: 'p-1002'}) "
                   "SET b.contact = a.contact")  # moved from one record to another
    got = api.get("/api/v1/vault/records/p-1002", headers=users["editor"].headers)
    assert got.status_code == 500
    assert "record p-1002: field contact" in got.get_json()["message"]
    assert "Synthetic phone" not in got.get_data(as_text=True)
    with pytest.raises(encryption.Tampered, match="record p-1002: field contact"):
        from service.vault.reads import written_record

        written_record(stores, "p-1002")


def test_a_wrong_key_stops_the_app_and_the_cli_at_start_up(stores, vault, settings):
    from service.app import create_app

    stores.unlock()  # the vault's canary, with the tests' key
    wrong = dataclasses.replace(settings, data_key=encryption.generate_key())
    other = Stores(wrong)
    try:
        with pytest.raises(encryption.WrongKey, match="not the key this vault was sealed with"):
            create_app(wrong, other)
    finally:
        other.close()
    result = CliRunner().invoke(main, ["export", "--store", "vault", "-o", "/dev/null"],
                                obj=wrong)
    assert result.exit_code == 1
    assert "not the key this vault was sealed with" in result.output
    bad = dataclasses.replace(settings, data_key="not base64!")
    result = CliRunner().invoke(main, ["export", "--store", "vault", "-o", "/dev/null"], obj=bad)
    assert result.exit_code == 1 and "FOOTPRINTS_DATA_KEY: not base64" in result.output


def test_vault_exports_stay_sealed_unless_asked_and_import_back(stores, vault, public, tmp_path):
    import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    runner = CliRunner()
    sealed = tmp_path / "sealed.jsonl"
    result = runner.invoke(main, ["export", "--store", "vault", "-o", str(sealed)],
                           obj=stores.settings)
    assert result.exit_code == 0, result.output
    text = sealed.read_text(encoding="utf-8")
    assert "fpenc:1:" in text and not any(s in text for s in SECRETS)
    csv_dir = tmp_path / "csv"
    result = runner.invoke(main, ["export", "--store", "vault", "--format", "csv",
                                  "-o", str(csv_dir)], obj=stores.settings)
    assert result.exit_code == 0, result.output
    assert not any(s in p.read_text(encoding="utf-8") for p in csv_dir.iterdir() for s in SECRETS)
    plain = tmp_path / "plain.jsonl"
    result = runner.invoke(main, ["export", "--store", "vault", "--decrypt", "-o", str(plain),
                                  "--by", "tester"], obj=stores.settings)
    assert result.exit_code == 0, result.output
    originals = {r["uid"]: r for r in map(json.loads, CONSENT_STATES.open()) if "uid" in r}
    exported = {r["uid"]: r for r in map(json.loads, plain.open()) if "uid" in r}
    assert exported["p-1001"]["contact"] == originals["p-1001"]["contact"]
    assert stored(stores, "MATCH (a:AuditEntry {action: 'export.decrypted'}) "
                          "RETURN a.actor AS actor") == [{"actor": "tester"}]
    # the sealed export imports back into a vault with the key, as the same records
    stored(stores, "MATCH (n:Entity) DETACH DELETE n")
    import_file(vault, sealed, database=stores.database("vault"))
    again = tmp_path / "again.jsonl"
    runner.invoke(main, ["export", "--store", "vault", "--decrypt", "-o", str(again)],
                  obj=stores.settings)
    assert {r["uid"]: r for r in map(json.loads, again.open()) if "uid" in r} == exported
    # ... and a sealed value moved to another record in the file is refused, naming it
    lines = sealed.read_text(encoding="utf-8").splitlines()
    moved = [json.loads(line) for line in lines]
    contact = next(r["contact"] for r in moved if r.get("uid") == "p-1001")
    next(r for r in moved if r.get("uid") == "p-1002")["contact"] = contact
    bad = tmp_path / "moved.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in moved), encoding="utf-8")
    from loaders.errors import LoadError

    with pytest.raises(LoadError, match="contact.*record p-1002: field contact"):
        import_file(vault, bad, database=stores.database("vault"))
