"""docker-compose.yml: the two stores from the official image, healthchecked, Redis, the
app's replicas waiting for them, and nginx in front of the replicas (ops/nginx/), with no
password written in the file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
STORES = ("vault", "public")


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_stores_run_the_official_lts_image_with_a_healthcheck():
    services = compose()["services"]
    for name in STORES:
        service = services[name]
        assert service["image"] == "neo4j:5.26-community"
        check = service["healthcheck"]
        assert check["test"][0] == "CMD-SHELL"
        command = check["test"][1]
        assert "cypher-shell" in command and "bolt://127.0.0.1:7687" in command
        assert "RETURN 1" in command
        # the password comes from the container's own environment at run time
        assert "$${NEO4J_AUTH#neo4j/}" in command
        assert check["retries"] >= 10 and check["interval"] and check["start_period"]
        assert service["environment"]["NEO4J_server_http_enabled"] == "false"
        assert "ports" not in service  # reached by the app over the compose network only


def test_app_waits_for_healthy_stores_and_restarts_on_failure():
    app = compose()["services"]["app"]
    assert app["depends_on"] == {name: {"condition": "service_healthy"}
                                 for name in (*STORES, "redis")}
    assert app["restart"] == "on-failure"
    assert "footprints db init" in app["command"]


def test_replicas_with_several_workers_share_a_redis_behind_nginx():
    services = compose()["services"]
    app, redis, proxy = services["app"], services["redis"], services["proxy"]
    assert app["deploy"]["replicas"] >= 2 and "--workers auto" in app["command"]
    assert app["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert app["environment"]["FOOTPRINTS_REDIS_URL"] == "redis://:${REDIS_PASSWORD}@redis:6379/0"
    assert app["environment"]["FOOTPRINTS_PROXIES"] == "1"
    assert app["environment"]["FOOTPRINTS_SECRET_KEY"].startswith("${SECRET_KEY")  # shared
    assert "/health" in " ".join(app["healthcheck"]["test"])
    assert "ports" not in app and "ports" not in redis  # only the proxy is published
    assert "requirepass" in " ".join(redis["command"]) and "ping" in redis["healthcheck"]["test"][1]
    assert proxy["ports"] == ["127.0.0.1:8080:80"]
    assert proxy["depends_on"] == {"app": {"condition": "service_healthy"}}
    mount = next(v for v in proxy["volumes"] if v.endswith("default.conf:ro"))
    conf = (COMPOSE.parent / mount.split(":")[0]).read_text(encoding="utf-8")
    assert "proxy_pass $app;" in conf and "set $app http://app:5000;" in conf
    assert "X-Forwarded-For $remote_addr" in conf  # what FOOTPRINTS_PROXIES=1 trusts


def test_no_password_literal():
    services = compose()["services"]
    for name in STORES:
        auth = services[name]["environment"]["NEO4J_AUTH"]
        assert re.fullmatch(r"neo4j/\$\{[A-Z_]+_PASSWORD:\?[^}]+\}", auth), auth
    for key, value in services["app"]["environment"].items():
        if "PASSWORD" in key:
            assert re.fullmatch(r"\$\{[A-Z_]+_PASSWORD\}", value), (key, value)
    text = COMPOSE.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        # every value after a password-ish word is an interpolation, never a literal
        for match in re.finditer(r"(?i)(password|auth)\w*[\"']?\s*[:=]\s*([^\s#]+)", line):
            assert "${" in match.group(2), line
        assert not re.search(r"(?i)-p\s+\\?['\"]?[^\s'\"$\\]", line), line
    assert "neo4j/neo4j" not in text


def test_stores_have_the_same_transaction_memory_limits_as_local_servers():
    """The compose stores get what ops/neo4j/control.py writes for 2g heaps (graph/settings.py
    derives the limits from the heap)."""
    from graph.settings import Settings

    local = Settings.from_env({})
    services = compose()["services"]
    for name in STORES:
        env = services[name]["environment"]
        store = getattr(local, name)
        assert env["NEO4J_server_memory_heap_max__size"] == store.heap
        assert env["NEO4J_dbms_memory_transaction_total_max"] == store.tx_memory_total
        assert env.get("NEO4J_db_memory_transaction_max") == store.tx_memory
