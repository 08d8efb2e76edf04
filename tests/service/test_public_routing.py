"""The public site on a routing, encrypted connection: the public graph reached through
``neo4j://`` with the local authority's certificate (ops/neo4j/tls.py), as a cluster or a
managed service would be, answers every public URL exactly as the plain connection does;
and every public read is a read transaction: the driver public-facing code is handed
refuses a write, whatever the query."""

from __future__ import annotations

from dataclasses import replace

import pytest
from neo4j.exceptions import ClientError

from graph.connections import Stores, password_for
from ops.neo4j import tls
from service.stores import public_driver, public_query
from tests.service.api.test_public_leaks import crawl_urls


@pytest.fixture(scope="module")
def routed_app(settings, published_stores):
    from service.app import create_app

    if not settings.public.managed:
        pytest.skip("the test stores are not started by ops/neo4j (FOOTPRINTS_TEST_*_URI)")
    public = replace(settings.public, uri=f"neo4j://localhost:{settings.public.bolt_port}",
                     ca_file=str(tls.ca_paths(settings.neo4j_dir)[0]),
                     password=password_for(settings, settings.public), managed=False)
    routed = Stores(replace(settings, public=public))
    app = create_app(routed.settings, routed)
    app.config["TESTING"] = True
    yield app
    routed.close()


def test_the_routed_connection_is_encrypted_and_routing(routed_app):
    with routed_app.app_context():
        driver, _ = public_driver()
        raw = driver._driver
        assert raw.encrypted is True
        assert type(raw).__name__ == "Neo4jDriver"  # the routing driver, not BoltDriver


def test_every_public_url_answers_the_same_through_routing_and_tls(routed_app, public_client):
    routed = routed_app.test_client()
    urls = crawl_urls(public_client)
    assert len(urls) > 100
    pages = ["/", "/?lang=ko", "/search?q=Kim", "/search?q=Yodok&lang=ko", "/map",
             "/search.csv?q=Kim"]
    urls += pages + ["/api/v1/find?q=요덕", "/api/v1/suggest?q=Ki"]
    for url in urls:
        plain, through = public_client.get(url), routed.get(url)
        assert through.status_code == plain.status_code, url
        if url in pages:
            assert through.status_code == 200, url
        if through.mimetype == "application/json":
            assert through.get_json() == plain.get_json(), url


def test_the_console_runs_through_routing_and_tls(routed_app, researcher_headers):
    response = routed_app.test_client().post(
        "/api/v1/cypher", json={"query": "MATCH (v:Victim) RETURN count(v) > 0 AS some"},
        headers=researcher_headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["rows"] == [[True]]


WRITE = "CREATE (:Intruder {at: 'public read'})"


def _intruders(stores) -> int:
    return stores.public.execute_query("MATCH (n:Intruder) RETURN count(n) AS n",
                                       database_=stores.database("public")).records[0]["n"]


@pytest.mark.parametrize("app_name", ["public_app", "routed_app"])
def test_public_reads_are_read_transactions(request, app_name, published_stores):
    app = request.getfixturevalue(app_name)
    with app.app_context():
        driver, database = public_driver()
        with pytest.raises(ClientError, match="(?i)read"):
            with driver.session(database=database) as session:
                session.run(WRITE).consume()
        with pytest.raises(ClientError, match="(?i)read"):
            driver.execute_query(WRITE, database_=database)
        # a named query that writes fails the same way through public_query
        with pytest.raises(ClientError, match="(?i)read"):
            public_query("gate/bump_names_revision")
        # and reading works
        assert public_query("public/match_public_meta")
    assert _intruders(published_stores) == 0
