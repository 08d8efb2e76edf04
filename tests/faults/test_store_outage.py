"""Faults: a real server goes down and comes back, while one app keeps running.

Public graph down: the public API answers 503 in the one JSON shape, and recovers by
itself when the server is back (no restart of the app). Vault down: the public API keeps
serving throughout."""

from __future__ import annotations

import pytest

from ops.neo4j.control import Instance
from tests.support.published import public_app, published_stores  # noqa: F401

pytestmark = pytest.mark.slow
URLS = ["/api/v1/search?q=kim", "/api/v1/victims", "/api/v1/stats"]


def statuses(client) -> list[int]:
    return [client.get(url).status_code for url in URLS]


def test_public_graph_outage_is_503_then_recovers_by_itself(public_app, settings):  # noqa: F811
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


def test_vault_outage_leaves_the_public_site_serving(public_app, settings):  # noqa: F811
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
