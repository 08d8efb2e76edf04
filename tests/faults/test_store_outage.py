"""Faults: a real server goes down and comes back, while one app keeps running.

Public graph down: the public API answers 503 in the one JSON shape, and recovers by
itself when the server is back (no restart of the app). Vault down: the public API keeps
serving throughout, the vault API (sign-in included) answers 503, and it too recovers by
itself when the vault is back."""

from __future__ import annotations

import pytest

from ops.neo4j.control import Instance

pytestmark = pytest.mark.slow
URLS = ["/api/v1/search?q=kim", "/api/v1/victims", "/api/v1/stats"]


def statuses(client) -> list[int]:
    return [client.get(url).status_code for url in URLS]


def test_public_graph_outage_is_503_then_recovers_by_itself(public_app, settings):
    client = public_app.test_client()
    assert statuses(client) == [200, 200, 200]
    public = Instance(settings, settings.public)
    public.kill()
    try:
        responses = [client.get(url) for url in URLS]
        assert [r.status_code for r in responses] == [503, 503, 503]
        assert all(r.get_json()["code"] == 503 for r in responses)
        assert client.get("/health").status_code == 503
    finally:
        public.start()
        public.wait_until_ready()
    assert statuses(client) == [200, 200, 200]  # same app, same driver: it recovered


def test_vault_outage_leaves_the_public_site_serving(public_app, settings):
    client = public_app.test_client()
    vault = Instance(settings, settings.vault)
    vault.kill()
    try:
        assert statuses(client) == [200, 200, 200]
        health = client.get("/health").get_json()
        assert health["stores"]["vault"]["status"] == "down"
    finally:
        vault.start()
        vault.wait_until_ready()
    assert client.get("/health").get_json()["status"] == "ok"


def vault_calls(client, users) -> list:
    """A read, a search, a merged view, an edit, the caller's account, and signing in."""
    return [
        client.get("/api/v1/vault/records/p-1002", headers=users["investigator"].headers),
        client.get("/api/v1/vault/search?q=Seo", headers=users["lawyer"].headers),
        client.get("/api/v1/vault/people/p-1002/merged", headers=users["lawyer"].headers),
        client.post("/api/v1/vault/persons/p-1002/at-risk", json={"at_risk": True},
                    headers=users["editor"].headers),
        client.get("/api/v1/auth/me", headers=users["researcher"].headers),
        client.get("/api/v1/vault/audit/verify", headers=users["admin"].headers),
        client.post("/api/v1/auth/login", json={"email": users["editor"].email,
                                                "password": "correct horse battery staple"}),
    ]


OK = [200, 200, 200, 200, 200, 200, 201]


def test_vault_outage_is_503_then_the_vault_api_recovers_by_itself(vault_app, users,
                                                                    settings, stores):
    client = vault_app.test_client()
    assert [r.status_code for r in vault_calls(client, users)] == OK
    vault = Instance(settings, settings.vault)
    vault.kill()
    try:
        responses = vault_calls(client, users)
        assert [r.status_code for r in responses] == [503] * len(OK)
        for response in responses:
            body = response.get_json()
            assert body["code"] == 503 and "not reachable" in body["message"], body
        assert client.get("/api/v1/victims").status_code == 200  # the public API serves on
    finally:
        vault.start()
        vault.wait_until_ready()
    # same app, same driver, same tokens: it recovered, and wrote what it was asked to
    assert [r.status_code for r in vault_calls(client, users)] == OK
    verify = client.get("/api/v1/vault/audit/verify", headers=users["admin"].headers).get_json()
    assert verify["ok"] is True, verify
