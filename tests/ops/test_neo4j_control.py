"""Provisioning and process control of a real local Neo4j (a third, throw-away instance)."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from neo4j import GraphDatabase

from graph.settings import StoreSettings
from ops.neo4j.control import NEO4J_VERSION, Instance, Neo4jError, lib_dir, provision


@pytest.fixture(scope="module")
def probe(stores, settings):
    store = StoreSettings(name="probe", uri="bolt://127.0.0.1:7699", bolt_port=7699,
                          heap="256m", pagecache="64m")
    inst = Instance(settings, store)
    yield inst
    inst.stop()


def test_jars_are_provisioned_once(settings, stores):
    path = provision(settings)
    assert path == lib_dir(settings)
    assert (path / ".complete").read_text() == NEO4J_VERSION
    assert NEO4J_VERSION.startswith("5.26.")
    jars = {p.name for p in path.glob("*.jar")}
    # separate jars, not a fat jar: the Lucene analysers are services in their own jars
    assert any(j.startswith("lucene-analysis-common") for j in jars)
    assert any(j.startswith("neo4j-server") for j in jars)


def test_start_is_idempotent_and_stop_stops(probe):
    assert probe.start() is True
    assert probe.start() is False  # already running: a no-op
    probe.wait_until_ready()
    password = probe.password_file.read_text().strip()
    assert password and password != "neo4j"
    with GraphDatabase.driver(probe.store.uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions")
        assert records[0]["versions"][0] == NEO4J_VERSION
    assert "running" in probe.status()
    assert probe.stop() is True
    assert probe.stop() is False
    assert "stopped" in probe.status()


def test_configuration_is_locked_down(probe):
    conf = (probe.home / "conf" / "neo4j.conf").read_text() if probe.home.exists() else ""
    probe.write_conf()
    conf = (probe.home / "conf" / "neo4j.conf").read_text()
    assert "server.bolt.listen_address=127.0.0.1:7699" in conf
    assert "server.http.enabled=false" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "dbms.usage_report.enabled=false" in conf
    assert "dbms.security.allow_csv_import_from_file_urls=false" in conf


def test_transaction_memory_limits_are_written(settings, stores):
    """The public graph's per-transaction and total limits, as the settings say, and in
    force on the running server."""
    from ops.neo4j.control import Instance

    for store in settings.stores():
        inst = Instance(settings, store)
        conf = (inst.home / "conf" / "neo4j.conf").read_text()
        assert f"dbms.memory.transaction.total.max={store.tx_memory_total}" in conf
        assert ("db.memory.transaction.max=" in conf) == (store.tx_memory is not None)
    assert f"db.memory.transaction.max={settings.public.tx_memory}" in (
        Instance(settings, settings.public).home / "conf" / "neo4j.conf").read_text()
    if settings.public.managed:
        records, _, _ = stores.public.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN ['db.memory.transaction.max', "
            "'dbms.memory.transaction.total.max'] RETURN name, value",
            database_=stores.database("public"))
        values = {r["name"]: r["value"] for r in records}
        assert values["db.memory.transaction.max"] != "0B"
        assert values["dbms.memory.transaction.total.max"] != "0B"


def test_wrong_password_is_refused(probe):
    probe.start()
    probe.wait_until_ready()
    with GraphDatabase.driver(probe.store.uri, auth=("neo4j", "neo4j")) as driver:
        with pytest.raises(Exception, match="(?i)auth|unauthorized"):
            driver.verify_connectivity()


def test_stale_pid_file_is_handled(probe):
    probe.stop()
    probe.pid_file.parent.mkdir(parents=True, exist_ok=True)
    probe.pid_file.write_text("999999\n")  # no such process
    assert probe.pid() is None
    assert not probe.pid_file.exists()


def test_taken_port_is_a_clear_error(probe):
    probe.stop()
    with socket.socket() as sock:
        # The server just stopped leaves TIME_WAIT sockets on its port; a listener (like
        # the JVM's) reuses the address, and so must this stand-in "other process".
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 7699))
        sock.listen()
        with pytest.raises(Neo4jError, match="port 7699 is taken"):
            probe.start()


def test_missing_java_is_a_clear_error(probe, monkeypatch):
    from ops.neo4j import control

    monkeypatch.setenv("JAVA_HOME", "/nonexistent-java-home")
    with pytest.raises(Neo4jError, match="Java 17"):
        control.find_java()


def test_missing_maven_is_a_clear_error(settings, monkeypatch, tmp_path):
    """A first provisioning (an empty lib folder) on a machine without ``mvn`` on PATH."""
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    monkeypatch.setenv("PATH", str(empty_path))
    target = tmp_path / "lib"
    with pytest.raises(Neo4jError, match=r"Maven \(mvn\) is needed .* \(install the 'maven' package\)"):
        provision(settings, target=target)
    assert not target.exists() and not (tmp_path / "lib.partial").exists()


def test_stores_given_by_uri_are_not_managed(settings):
    from ops.neo4j.control import managed_instances

    external = replace(settings, vault=replace(settings.vault, managed=False),
                       public=replace(settings.public, managed=False))
    assert managed_instances(external) == []
