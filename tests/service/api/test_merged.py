"""Merged views over HTTP: the public one follows SAME_AS in the public graph (so never
reaches a non-public record); the vault one is shown only whole, and audited."""

from __future__ import annotations

from graph.resolution.judgements import judge
from tests.support.leaks import hidden_people, identifying_strings
from tests.support.vault_api import audit_entries


def test_public_merged_view_joins_public_records_only(api, stores, users):
    judge(stores, "p-1007", "p-1010", "same", actor="editor@example.org")
    body = api.get("/api/v1/people/p-1007/merged").get_json()
    assert body["members"] == ["p-1007", "p-1010"] and body["label"] == "Public"
    names = {v["value"] for v in body["fields"]["name_en"]}
    assert names == {"Nam Gyeongho-public", "Ma Jaeseok-public"}

    judge(stores, "p-1010", "p-1001", "same", actor="editor@example.org")  # a confidential one
    response = api.get("/api/v1/people/p-1007/merged")
    body = response.get_json()
    assert body["members"] == ["p-1007"]  # the cluster is no longer wholly public
    text = response.get_data(as_text=True)
    for uid, person in hidden_people().items():
        for needle in identifying_strings(person):
            assert needle not in text, (uid, needle)


def test_public_merged_view_of_a_hidden_person_is_404(api, users):
    response = api.get("/api/v1/people/p-1001/merged")
    assert response.status_code == 404 and response.get_json()["message"]


def test_vault_merged_view_whole_or_not_at_all(api, stores, users):
    judge(stores, "p-1010", "p-1001", "same", actor="editor@example.org")
    url = "/api/v1/vault/people/p-1010/merged"
    ok = api.get(url, headers=users["investigator"].headers)
    assert ok.status_code == 200, ok.get_json()
    body = ok.get_json()
    assert body["members"] == ["p-1001", "p-1010"] and body["label"] == "Confidential"
    assert {e["subject"] for e in audit_entries(stores, "vault.read")} >= {"p-1001"}
    assert api.get(url, headers=users["investigator-b"].headers).status_code == 404
    assert api.get(url, headers=users["researcher"].headers).status_code == 403
    assert api.get(url).status_code == 401
