"""The public API lives on the public graph alone: it keeps working with the vault down,
answers 503 in the one JSON shape when the public graph is down, and no public module
(service/public/, the pages, the public API's blueprints) imports the vault: neither its
driver nor the vault's service functions (service/vault/)."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from service.app import create_app

ROOT = Path(__file__).resolve().parents[3]
PUBLIC_MODULES = sorted((ROOT / "service" / "public").glob("*.py")) + sorted(
    (ROOT / "service" / "pages").glob("*.py")) + [
    ROOT / "service" / "api" / f"{name}.py"
    for name in ("search", "entities", "stats", "maps", "graphs", "downloads", "public_schemas")]
URLS = ["/api/v1/search?q=kim", "/api/v1/victims", "/api/v1/victims/p-x1", "/api/v1/stats",
        "/api/v1/maps/taken_from", "/api/v1/graphs/neighbourhood/p-x1?hops=2",
        "/api/v1/graphs/paths?from=p-x1&to=p-x3", "/api/v1/graphs/chain/p-x1",
        "/api/v1/downloads/csv/persons.csv"]


@pytest.fixture(scope="module")
def vault_down_client(settings, published_stores):
    broken = replace(settings, vault=replace(settings.vault, uri="bolt://127.0.0.1:1",
                                             password="x"))
    return create_app(broken).test_client()


@pytest.mark.parametrize("url", URLS)
def test_public_api_works_while_the_vault_is_down(vault_down_client, url):
    response = vault_down_client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_public_graph_down_is_a_503_in_the_one_shape(settings, published_stores):
    broken = replace(settings, public=replace(settings.public, uri="bolt://127.0.0.1:1",
                                              password="x"))
    client = create_app(broken).test_client()
    for url in ("/api/v1/search?q=kim", "/api/v1/victims", "/api/v1/stats"):
        response = client.get(url)
        assert response.status_code == 503, url
        body = response.get_json()
        assert body["code"] == 503 and "not reachable" in body["message"]


def is_vault_package(module: str | None) -> bool:
    return module is not None and (module == "service.vault"
                                   or module.startswith("service.vault."))


@pytest.mark.parametrize("path", PUBLIC_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_public_modules_never_reach_for_the_vault(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(is_vault_package(a.name) for a in node.names), path
        if isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            assert not is_vault_package(node.module), path
            assert not (node.module == "service" and "vault" in names), path
            assert not (node.module == "service.stores" and names - {
                "public_query", "public_driver", "public_store"}), path
            assert node.module not in ("service.auth", "graph.connections"), path
        if isinstance(node, ast.Attribute):
            assert node.attr != "vault", f"{path.name}:{node.lineno} touches .vault"
