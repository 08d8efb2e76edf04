"""Shared fixtures: a real pair of Neo4j servers for the tests, clean state per test.

The tests run their own vault and public graph (ports 7697/7698, homes under
var/test/) so that they never touch the demo's data. If FOOTPRINTS_TEST_VAULT_URI
and FOOTPRINTS_TEST_PUBLIC_URI are set, those servers are used instead.

Fixtures shared beyond one folder are plugged in here (``pytest_plugins``), for every
test: a published public graph shared by each test module (tests/support/published.py);
for the vault API, a freshly loaded vault per test with users of every role
(tests/support/vault_api.py); and an empty file store per test, of each backend, with the
S3 backend's server (S3Proxy) run once for the session (tests/support/files.py); a Redis
for the session (tests/support/redis.py).
"""

from __future__ import annotations

import os

import pytest

from graph.connections import Stores
from graph.schema import install_schema
from graph.settings import Settings
from tests.support.stores import wipe

pytest_plugins = ("tests.support.published", "tests.support.vault_api", "tests.support.files",
                  "tests.support.redis")


def test_settings() -> Settings:
    env = {
        "FOOTPRINTS_VAR": os.environ.get("FOOTPRINTS_TEST_VAR", "var/test"),
        "FOOTPRINTS_VAULT_PORT": os.environ.get("FOOTPRINTS_TEST_VAULT_PORT", "7697"),
        "FOOTPRINTS_PUBLIC_PORT": os.environ.get("FOOTPRINTS_TEST_PUBLIC_PORT", "7698"),
        "FOOTPRINTS_VAULT_HEAP": "1g", "FOOTPRINTS_VAULT_PAGECACHE": "256m",
        "FOOTPRINTS_PUBLIC_HEAP": "1g", "FOOTPRINTS_PUBLIC_PAGECACHE": "256m",
        "FOOTPRINTS_SECRET_KEY": "test-secret",
    }
    for store in ("VAULT", "PUBLIC"):
        for part in ("URI", "USER", "PASSWORD"):
            value = os.environ.get(f"FOOTPRINTS_TEST_{store}_{part}")
            if value:
                env[f"FOOTPRINTS_{store}_{part}"] = value
    return Settings.from_env(env)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return test_settings()


@pytest.fixture(scope="session")
def _exclusive(settings):
    """One test session at a time on a pair of test servers: two concurrent runs would
    wipe each other's data. A second run waits here for the first to finish."""
    import fcntl

    settings.var_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.var_dir / "pytest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def stores(settings, _exclusive):
    from ops.neo4j.control import start_all

    start_all(settings)
    stores = Stores(settings)
    for name in ("vault", "public"):
        install_schema(stores.driver(name), stores.database(name))
    # The tests' data key: var/test/data_key, made once (graph/encryption.py). The vault is
    # emptied first: a test of another key (tests/graph/test_rotation.py) may have left it
    # sealed with that one; every test starts from an empty vault anyway.
    wipe(stores, "vault")
    stores.unlock()
    yield stores
    stores.close()


@pytest.fixture
def vault(stores):
    """The test vault, emptied before the test (schema kept)."""
    wipe(stores, "vault")
    return stores.vault


@pytest.fixture
def public(stores):
    """The test public graph, emptied before the test (schema kept)."""
    wipe(stores, "public")
    return stores.public


@pytest.fixture(autouse=True)
def _records_need_no_data(monkeypatch):
    """graph.queries reads records without ``data()``, which is right only while no named
    query returns a node, relationship or path inside a list or map: every record every
    test reads is checked."""
    from graph import queries

    plain = queries._plain

    def checked(record):
        out = plain(record)
        assert out == record.data(), f"a query returned a graph value: {list(record.keys())}"
        return out

    monkeypatch.setattr(queries, "_plain", checked)
