"""/health reports each store up or down, and the public graph's node count (never the
vault's, which would let anyone watch its activity)."""

from __future__ import annotations

from dataclasses import replace

from service.app import create_app


def test_health_reports_both_stores_with_counts(settings, vault, public):
    vault.execute_query("CREATE (:Entity:Person {uid: 'h1'}), (:Entity:Person {uid: 'h2'})")
    app = create_app(settings)
    response = app.test_client().get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["stores"]["vault"] == {"status": "up"}
    assert body["stores"]["public"]["status"] == "up"
    public.execute_query("CREATE (:Entity:Person {uid: 'p1'})")
    assert app.test_client().get("/health").get_json()["stores"]["public"]["nodes"] == 1
    vault.execute_query("CREATE (:AuditEntry {seq: 1})")
    assert app.test_client().get("/health").get_json() == body | {
        "stores": {"vault": {"status": "up"}, "public": {"status": "up", "nodes": 1}}}


def test_vault_down_degrades_but_public_site_stays_up(settings, public):
    broken = replace(settings, vault=replace(settings.vault, uri="bolt://127.0.0.1:1",
                                             password="x"))
    app = create_app(broken)
    response = app.test_client().get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["stores"]["vault"]["status"] == "down"
    assert body["stores"]["public"]["status"] == "up"


def test_app_refuses_one_database_for_both(settings):
    import pytest

    from graph.settings import SettingsError

    same = replace(settings, public=replace(settings.public, uri=settings.vault.uri))
    with pytest.raises(SettingsError):
        create_app(same)
