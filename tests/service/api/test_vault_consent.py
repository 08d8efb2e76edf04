"""The consent workflow over HTTP: record, withdraw (out of the public graph before the
response returns), at risk, review, source terms, explanation, full publication."""

from __future__ import annotations

from tests.support.leaks import fixture_people, identifying_strings
from tests.support.vault_api import audit_entries, public_uids

PERSONS = "/api/v1/vault/persons"


def public_text(stores) -> str:
    records, _, _ = stores.public.execute_query(
        "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p",
        database_=stores.database("public"))
    return " ".join(str(r["p"]) for r in records)


def test_withdrawal_over_http_removes_the_person_before_the_response(api, users, stores):
    editor = users["editor"]
    assert "p-1010" in public_uids(stores)
    response = api.post(f"{PERSONS}/p-1010/consents/withdraw", headers=editor.headers, json={})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert "p-1010" in body["publication"]["removed"]
    # checked right after the response: nothing of them is left in the public graph
    assert public_uids(stores) == {"p-1007"}
    text = public_text(stores)
    for needle in identifying_strings(fixture_people()["p-1010"]):
        assert needle not in text
    assert "proc-0002" not in public_uids(stores, "Proceeding")
    [entry] = audit_entries(stores, "consent.withdraw", "p-1010")
    assert entry["actor"] == editor.email
    records, _, _ = stores.vault.execute_query(
        "MATCH (t:Tombstone {subject: 'p-1010'}) RETURN count(t) AS n",
        database_=stores.database("vault"))
    assert records[0]["n"] == 1
    again = api.post(f"{PERSONS}/p-1010/consents/withdraw", headers=editor.headers, json={})
    assert again.status_code == 422 and "purpose" in again.get_json()["errors"]
    one = api.post(f"{PERSONS}/p-1007/consents/withdraw", headers=editor.headers,
                   json={"consent": "con-nope"})
    assert one.status_code == 422 and "consent" in one.get_json()["errors"]


def test_recording_consent_and_review_publish_at_once(api, users, stores):
    editor = users["editor"]
    assert "p-1001" not in public_uids(stores)
    response = api.post(f"{PERSONS}/p-1001/consents", headers=editor.headers, json={
        "purpose": "publication", "given_on": "2024-02-01", "obtained_by": "Synthetic editor",
        "method": "written"})
    assert response.status_code == 201, response.get_json()
    assert "p-1001" in public_uids(stores)
    assert audit_entries(stores, "consent.record", "p-1001")[0]["actor"] == editor.email
    review = api.post(f"{PERSONS}/p-1009/review", headers=editor.headers, json={"status": "approved"})
    assert review.status_code == 200 and "p-1009" in public_uids(stores)
    rejected = api.post(f"{PERSONS}/p-1009/review", headers=editor.headers,
                        json={"status": "rejected"})
    assert rejected.status_code == 200 and "p-1009" not in public_uids(stores)
    record = api.get("/api/v1/vault/records/p-1009", headers=editor.headers).get_json()["record"]
    assert record["reviewed_by"] == editor.email and record["review_status"] == "rejected"


def test_consent_input_errors_name_the_field(api, users):
    editor = users["editor"]
    url = f"{PERSONS}/p-1002/consents"
    good = {"purpose": "publication", "given_on": "2024-02-01", "obtained_by": "Synthetic editor"}
    cases = [
        ({**good, "purpose": "world_domination"}, "purpose"),
        ({**good, "given_on": "yesterday"}, "given_on"),
        ({**good, "given_on": "2999-01-01"}, "given_on"),
        ({k: v for k, v in good.items() if k != "obtained_by"}, "obtained_by"),
        ({**good, "purpose": "partner_sharing"}, "partner"),
        ({**good, "purpose": "partner_sharing", "partner": "p-1001"}, "partner"),
        ({**good, "method": "telepathy"}, "method"),
    ]
    for body, field in cases:
        response = api.post(url, headers=editor.headers, json=body)
        assert response.status_code == 422, (body, response.get_json())
        out = response.get_json()
        assert field in out["message"], out
    assert api.post(f"{PERSONS}/p-9999/consents", headers=editor.headers,
                    json=good).status_code == 404
    assert api.post(f"{PERSONS}/e-1002/consents", headers=editor.headers,
                    json=good).status_code == 404


def test_consents_belong_to_the_owning_organisation(api, users):
    editor_b = users["editor-b"]
    good = {"purpose": "publication", "given_on": "2024-02-01", "obtained_by": "Synthetic editor"}
    restricted = api.post(f"{PERSONS}/p-1002/consents", headers=editor_b.headers, json=good)
    assert restricted.status_code == 403  # visible to them, but not their consent to record
    hidden = api.post(f"{PERSONS}/p-1001/consents/withdraw", headers=editor_b.headers, json={})
    assert hidden.status_code == 404  # confidential to org-0001: as if it did not exist
    own = api.post(f"{PERSONS}/p-2001/consents", headers=editor_b.headers,
                   json={**good, "purpose": "internal"})
    assert own.status_code == 201


def test_at_risk_source_terms_and_publication(api, users, stores):
    editor = users["editor"]
    marked = api.post(f"{PERSONS}/p-1007/at-risk", headers=editor.headers, json={})
    assert marked.status_code == 200 and public_uids(stores) == {"p-1010"}
    cleared = api.post(f"{PERSONS}/p-1007/at-risk", headers=editor.headers, json={"at_risk": False})
    assert cleared.status_code == 200 and public_uids(stores) == {"p-1007", "p-1010"}
    terms = api.post("/api/v1/vault/sources/src-pub1/terms", headers=editor.headers,
                     json={"terms": "partners"})
    # p-1007 is also supported by src-pub2, which stays public
    assert terms.status_code == 200 and public_uids(stores) == {"p-1007"}
    bad = api.post("/api/v1/vault/sources/src-pub1/terms", headers=editor.headers,
                   json={"terms": "everyone"})
    assert bad.status_code == 422 and "terms" in bad.get_json()["errors"]["json"]
    not_source = api.post("/api/v1/vault/sources/p-1007/terms", headers=editor.headers,
                          json={"terms": "public"})
    assert not_source.status_code == 404
    api.post("/api/v1/vault/sources/src-pub1/terms", headers=editor.headers, json={"terms": "public"})
    stores.public.execute_query("MATCH (n) DETACH DELETE n", database_=stores.database("public"))
    full = api.post("/api/v1/vault/publication", headers=editor.headers)
    assert full.status_code == 200 and full.get_json()["publication"]["generation"] >= 1
    assert public_uids(stores) == {"p-1007", "p-1010"}
    assert audit_entries(stores, "publish.full")[-1]["actor"] == editor.email


def test_explanation_says_why_and_hides_what_the_caller_may_not_see(api, users, stores):
    editor, editor_b = users["editor"], users["editor-b"]
    response = api.get("/api/v1/vault/records/p-1002/explanation", headers=editor.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["decision"] == "Restricted" and body["current_label"] == "Restricted"
    assert any("rule 2" in reason for reason in body["reasons"])
    assert [c["uid"] for c in body["consents"]] == ["con-1002-0"]
    assert {s["uid"] for s in body["sources"]} == {"src-unonly"}  # src-orgb is org-0002's
    other = api.get("/api/v1/vault/records/p-1002/explanation", headers=editor_b.headers).get_json()
    assert other["consents"] == [] and other["consents_withheld"] is True
    assert {s["uid"] for s in other["sources"]} == {"src-unonly", "src-orgb"}
    assert api.get("/api/v1/vault/records/p-1001/explanation",
                   headers=editor_b.headers).status_code == 404
    assert {e["actor"] for e in audit_entries(stores, "vault.read", "p-1002")} == {
        editor.email, editor_b.email}
