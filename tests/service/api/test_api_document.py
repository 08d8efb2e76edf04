"""The OpenAPI document says what each operation needs: every operation that turns an
anonymous caller away (401) declares the bearer scheme, the roles it admits (``x-roles``)
and its 401 and 403 answers, and no other does; the rate-limited ones declare their 429.
Every blueprint module of service/api is registered, by name: a module renamed or
removed fails at import instead of leaving the API."""

from __future__ import annotations

import importlib
import pkgutil
import re

import service.api
from service.api import BLUEPRINTS

SAMPLES = {"uid": "p-x1", "name": "sex", "layer": "taken_from", "table": "persons", "number": "1"}
#: Rate-limited (service/ratelimit.py). The sign-in routes are not called anonymously here:
#: their counters are the login tests' business.
RATE_LIMITED = {("post", "/api/v1/auth/login"), ("post", "/api/v1/auth/invitations/accept"),
                ("post", "/api/v1/cypher")}
NOT_API = {"/api/v1/openapi.json", "/api/v1/docs"}


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def test_every_operation_that_needs_a_token_says_so(public_app, public_client):
    spec = public_client.get("/api/v1/openapi.json").get_json()
    assert spec["components"]["securitySchemes"] == {"bearerAuth": {"type": "http",
                                                                    "scheme": "bearer"}}
    needs_token, limited = set(), set()
    for rule in public_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule in NOT_API:
            continue
        url = rule.build(SAMPLES, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            key = (method.lower(), openapi_path(rule.rule))
            operation = spec["paths"][key[1]][key[0]]
            if "429" in operation["responses"]:
                limited.add(key)
            if key in RATE_LIMITED - {("post", "/api/v1/cypher")}:
                assert "security" not in operation and "x-roles" not in operation, key
                continue
            anonymous = public_client.open(url, method=method,
                                           json=None if method == "GET" else {})
            if anonymous.status_code == 401:
                needs_token.add(key)
                assert operation["security"] == [{"bearerAuth": []}], key
                assert operation["x-roles"], key
                assert {"401", "403"} <= set(operation["responses"]), key
            else:
                assert "security" not in operation and "x-roles" not in operation, key
    assert len(needs_token) > 20 and ("get", "/api/v1/vault/audit/entries") in needs_token
    assert limited == RATE_LIMITED


def test_every_blueprint_module_is_registered():
    modules = [importlib.import_module(f"service.api.{m.name}")
               for m in pkgutil.iter_modules(service.api.__path__)]
    assert {m.__name__ for m in modules if hasattr(m, "blp")} == {m.__name__ for m in BLUEPRINTS}
