"""Reading the vault: records by uid, a person's full record, search by name; owner rules;
every read of a restricted or confidential record in the audit log."""

from __future__ import annotations

import json
from dataclasses import replace

from graph import audit
from service.app import create_app
from tests.support.vault_api import ORG_A, audit_entries, make_user

RECORDS = "/api/v1/vault/records"
PERSONS = "/api/v1/vault/persons"
SEARCH = "/api/v1/vault/search"


def test_restricted_record_is_read_with_an_etag_and_audited(api, users, stores):
    investigator = users["investigator"]
    response = api.get(f"{RECORDS}/p-1002", headers=investigator.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["consent_label"] == "Restricted" and body["type"] == "Person"
    assert response.headers["ETag"] == f'"{body["etag"]}"'
    record = body["record"]
    assert record["record"] == "Person" and record["roles"] == ["Victim"]
    assert record["name_ko"] == "서용진유엔" and record["contact"]  # the vault shows everything
    assert "search_keys" not in record
    entries = audit_entries(stores, "vault.read", "p-1002")
    assert [e["actor"] for e in entries] == [investigator.email]
    assert json.loads(entries[0]["details"])["label"] == "Restricted"
    assert audit.verify(stores.vault, stores.database("vault")).ok


def test_public_reads_are_not_audited_and_other_types_are_served(api, users, stores):
    lawyer = users["lawyer"]
    for uid, kind in (("p-1007", "Person"), ("loc-yodok", "Location"), ("proc-0002", "Proceeding")):
        response = api.get(f"{RECORDS}/{uid}", headers=lawyer.headers)
        assert response.status_code == 200 and response.get_json()["type"] == kind
    location = api.get(f"{RECORDS}/loc-yodok", headers=lawyer.headers).get_json()["record"]
    assert (location["lat"], location["lon"]) == (39.75, 126.85)
    assert audit_entries(stores, "vault.read") == []
    proc = api.get(f"{RECORDS}/proc-0001", headers=lawyer.headers)  # restricted proceeding
    assert proc.status_code == 200 and proc.get_json()["consent_label"] == "Restricted"
    assert [e["subject"] for e in audit_entries(stores, "vault.read")] == ["proc-0001"]


def test_confidential_records_only_for_the_owning_organisations_users(api, users, stores):
    """Whatever their role: another organisation's admin gets the same 404 as anyone
    else outside it; an admin of the organisation reads them like its other users."""
    own_admin = make_user(stores, "admin-a", "admin", ORG_A)
    confidential = ["p-1001", "p-1005", "con-1002-0", "src-internal"]  # all of org-0001
    for uid in confidential:
        for who in (users["investigator"], users["lawyer"], users["editor"], own_admin):
            response = api.get(f"{RECORDS}/{uid}", headers=who.headers)
            assert response.status_code == 200, (uid, who.name)
            assert response.get_json()["consent_label"] == "Confidential"
        for name in ("investigator-b", "lawyer-b", "editor-b", "admin-b"):
            response = api.get(f"{RECORDS}/{uid}", headers=users[name].headers)
            assert response.status_code == 404, (uid, name)
            assert response.get_json()["message"] == f"no record with uid {uid!r}"
    # and the other way round
    assert api.get(f"{RECORDS}/p-2001", headers=users["investigator-b"].headers).status_code == 200
    for name in ("investigator", "admin"):
        assert api.get(f"{RECORDS}/p-2001", headers=users[name].headers).status_code == 404
    # restricted records are for every vault reader, other organisations' admins included
    assert api.get(f"{RECORDS}/p-1002", headers=users["admin-b"].headers).status_code == 200
    # a missing record gets the very same answer as a hidden one
    missing = api.get(f"{RECORDS}/p-9999", headers=users["investigator-b"].headers)
    assert missing.status_code == 404 and set(missing.get_json()) == {"code", "status", "message"}
    audited = audit_entries(stores, "vault.read")
    assert len(audited) == 4 * 4 + 2  # refused reads read nothing, so log nothing
    assert {e["subject"] for e in audited} == {*confidential, "p-2001", "p-1002"}


def test_an_admin_outside_the_organisation_sees_no_confidential_data_anywhere(api, users):
    admin = users["admin-b"].headers
    hits = api.get(SEARCH, query_string={"q": "Hwang"}, headers=admin).get_json()
    assert "p-1001" not in [h["uid"] for h in hits]
    # their own organisation's relative (found by the exact name: a relative's names are
    # sealed, docs/encryption.md), and never the other's confidential people
    hidden = api.get(SEARCH, query_string={"q": "조숨김비"}, headers=admin).get_json()
    assert [h["uid"] for h in hidden] == ["p-2001"]
    for q in ("Hidden", "Ri Sunhui-indprk", "리순희북한"):
        hits = api.get(SEARCH, query_string={"q": q}, headers=admin).get_json()
        assert not {"p-1001", "p-1005"} & {h["uid"] for h in hits}, q
    body = api.get(f"{PERSONS}/p-1002", headers=admin).get_json()
    assert body["consents"] == [] and body["consents_withheld"] is True
    assert "src-internal" not in {s["uid"] for s in body["sources"]}
    assert "p-1005" not in api.get(f"{PERSONS}/p-1007", headers=admin).get_data(as_text=True)
    assert api.get(f"{PERSONS}/p-1001", headers=admin).status_code == 404
    assert api.get("/api/v1/vault/people/p-1001/merged", headers=admin).status_code == 404
    explanation = api.get(f"{RECORDS}/p-1002/explanation", headers=admin).get_json()
    assert explanation["consents"] == [] and explanation["consents_withheld"] is True
    # nor manages the consents that belong to another organisation
    consent = {"purpose": "internal", "given_on": "2024-01-01", "obtained_by": "Synthetic"}
    refused = api.post(f"{PERSONS}/p-1002/consents", json=consent, headers=admin)
    assert refused.status_code == 403 and "organisation" in refused.get_json()["message"]


def test_person_dossier_shows_consents_sources_and_relationships(api, users, stores):
    investigator = users["investigator"]
    response = api.get(f"{PERSONS}/p-1002", headers=investigator.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["record"]["name_en"] == "Seo Yongjin-unonly" and body["etag"]
    assert "ETag" not in response.headers  # the record's ETag is in the body, for If-Match
    assert response.headers["Cache-Control"] == "no-store"
    assert [c["uid"] for c in body["consents"]] == ["con-1002-0"]
    assert body["consents"][0]["purpose"] == "un_submission"
    assert [s["uid"] for s in body["sources"]] == ["src-unonly"]
    rels = {(r["type"], r["direction"], r["other"]["uid"]) for r in body["relationships"]}
    assert rels == {("SUBJECTED_TO", "out", "e-1002"), ("TAKEN_FROM", "out", "loc-seoul"),
                    ("HELD_AT", "out", "loc-yodok"), ("CONCERNS", "in", "proc-0001")}
    seoul = next(r["other"] for r in body["relationships"] if r["other"]["uid"] == "loc-seoul")
    assert seoul["name_ko"] == "서울" and seoul["consent_label"] == "Public"
    # org-0002's confidential relative and internal source are withheld, and only counted
    assert body["withheld"] == 2
    text = response.get_data(as_text=True)
    for secret in ("p-2001", "Hidden", "조숨김비", "src-orgb", "Hyesan"):
        assert secret not in text
    read = {e["subject"] for e in audit_entries(stores, "vault.read")}
    assert read == {"p-1002", "con-1002-0", "src-unonly", "e-1002", "proc-0001"}


def test_dossier_for_another_organisation_hides_consents_but_shows_its_own(api, users):
    body = api.get(f"{PERSONS}/p-1002", headers=users["investigator-b"].headers).get_json()
    assert body["consents"] == [] and body["consents_withheld"] is True
    assert {s["uid"] for s in body["sources"]} == {"src-unonly", "src-orgb"}
    relative = next(r for r in body["relationships"] if r["type"] == "RELATIVE_OF")
    assert relative["other"]["uid"] == "p-2001" and relative["props"]["relation"] == "sibling"
    assert relative["props"]["sources"] == ["src-orgb"]
    assert body["withheld"] == 1
    assert api.get(f"{PERSONS}/e-1002", headers=users["investigator"].headers).status_code == 404


def test_search_by_name_in_english_hangul_and_variants(api, users, stores):
    investigator = users["investigator"]

    def uids(q: str, who=investigator) -> list[str]:
        response = api.get(SEARCH, query_string={"q": q}, headers=who.headers)
        assert response.status_code == 200, response.get_json()
        return [hit["uid"] for hit in response.get_json()]

    assert uids("Seo Yongjin")[0] == "p-1002"
    assert uids("서용진")[0] == "p-1002"
    assert "p-1002" in uids("So Yong-jin")
    assert uids("Hwang")[0] == "p-1001"  # confidential, same organisation
    hit = api.get(SEARCH, query_string={"q": "Seo"}, headers=investigator.headers).get_json()[0]
    assert hit["consent_label"] == "Restricted" and hit["roles"] == ["Victim"]
    # another organisation's confidential people never come back, whatever the query
    assert uids("Hidden") == [] and uids("조숨김비") == []
    assert "p-2001" not in uids("Cho Hidden-orgb")
    # a relative's names are sealed (docs/encryption.md): found by an exact name only
    assert "p-2001" in uids("Cho Hidden-orgb", users["investigator-b"])
    assert uids("조숨김비", users["investigator-b"]) == ["p-2001"]
    assert uids("Hidden", users["investigator-b"]) == []
    assert "p-1001" not in uids("Hwang", users["investigator-b"])
    # query syntax is escaped, not run
    for q in ('Seo AND (', 'name_en:*', '"unterminated', "*", "\\", "a || b && !c ~ ^2"):
        assert api.get(SEARCH, query_string={"q": q}, headers=investigator.headers).status_code == 200
    subjects = [e["subject"] for e in audit_entries(stores, "vault.read")]
    assert "p-1002" in subjects and "p-1001" in subjects and "p-2001" in subjects


def test_search_input_is_checked(api, users):
    headers = users["lawyer"].headers
    for query in ({}, {"q": ""}, {"q": "x", "limit": 0}, {"q": "x", "limit": 1000}):
        response = api.get(SEARCH, query_string=query, headers=headers)
        assert response.status_code == 422, query
        assert response.get_json()["message"].startswith("invalid input: ")
    only_one = api.get(SEARCH, query_string={"q": "Synthetic", "limit": 1}, headers=headers)
    assert only_one.status_code == 200


def test_vault_down_is_503_in_the_one_error_shape(settings, stores, vault):
    broken = replace(settings, vault=replace(settings.vault, uri="bolt://127.0.0.1:1", password="x"))
    client = create_app(broken).test_client()
    for response in (client.get(f"{RECORDS}/p-1002", headers={"Authorization": "Bearer fpt_x"}),
                     client.post("/api/v1/auth/login", json={"email": "a@example.org",
                                                             "password": "whatever it is"})):
        assert response.status_code == 503
        body = response.get_json()
        assert body["code"] == 503 and "not reachable" in body["message"]
