"""Crafted bodies on every writing endpoint of the API (taken from the app's URL map):
deep nesting, huge numbers, oversized bodies and other content types are a 4xx in the
one error shape, never a 500, and nothing is written."""

from __future__ import annotations

import pytest

from service.api import json_guard

#: The issue's three payloads: each was a 500 on every JSON write endpoint.
DEEP_ARRAYS = "[" * 100_000 + "]" * 100_000
DEEP_OBJECTS = '{"a":' * 50_000 + "1" + "}" * 50_000
HUGE_INTEGER = '{"email": "a@example.org", "password": "x", "n": ' + "9" * 5000 + "}"
PAYLOADS = {"deep arrays": (DEEP_ARRAYS, "nested"), "deep objects": (DEEP_OBJECTS, "nested"),
            "huge integer": (HUGE_INTEGER, "digits")}


def write_routes(app, with_body: bool = True) -> list[tuple[str, str]]:
    """Every (method, path) that writes, with sample values in the path; those that declare
    a JSON body (or, with ``with_body=False``, all of them)."""
    samples = {"uid": "p-1002"}
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted(rule.methods & json_guard.WRITE_METHODS):
            fn = getattr(getattr(view, "view_class", None), method.lower(), view)
            params = getattr(fn, "_apidoc", {}).get("arguments", {}).get("parameters", [])
            if with_body and not any((p.get("location") or "json") == "json" for p in params):
                continue
            out.append((method, rule.build(samples, append_unknown=False)[1]))
    return out


def is_error_shape(response, code: int) -> bool:
    body = response.get_json(silent=True)
    return (response.status_code == code and isinstance(body, dict) and body.get("code") == code
            and bool(body.get("message")))


def test_the_write_routes_are_all_found(vault_app):
    routes = write_routes(vault_app)
    assert ("POST", "/api/v1/auth/login") in routes and ("POST", "/api/v1/cypher") in routes
    assert ("POST", "/api/v1/vault/persons/p-1002/at-risk") in routes
    assert ("PATCH", "/api/v1/vault/records/p-1002") in routes
    assert len(routes) >= 12  # the issue counted 12 JSON write endpoints
    assert ("POST", "/api/v1/auth/logout") not in routes  # it takes no body


@pytest.mark.parametrize("name", PAYLOADS)
def test_crafted_json_is_a_400_naming_the_problem_on_every_write_route(api, users, name):
    payload, word = PAYLOADS[name]
    bad = []
    for method, path in write_routes(api.application):
        response = api.open(path, method=method, data=payload, content_type="application/json",
                            headers={**users["admin"].headers, "If-Match": "*"})
        if not (is_error_shape(response, 400) and word in response.get_json()["message"]):
            bad.append((method, path, response.status_code, response.get_data(as_text=True)[:200]))
    assert bad == []


def test_form_bodies_are_refused_and_change_nothing(api, users, stores):
    def at_risk() -> object:
        records, _, _ = stores.vault.execute_query(
            "MATCH (p:Person {uid: 'p-1002'}) RETURN p.at_risk AS at_risk",
            database_=stores.database("vault"))
        return records[0]["at_risk"]

    before = at_risk()
    bad = []
    for method, path in write_routes(api.application):
        for headers, data in (({"Content-Type": "application/x-www-form-urlencoded"}, "at_risk=1"),
                              ({"Content-Type": "text/plain"}, '{"at_risk": true}'),
                              ({}, None)):
            response = api.open(path, method=method, data=data,
                                headers={**users["admin"].headers, **headers})
            if not (is_error_shape(response, 415)
                    and "application/json" in response.get_json()["message"]):
                bad.append((method, path, headers, response.status_code))
    assert bad == []
    assert at_risk() == before


def test_a_body_over_the_size_limit_is_a_413(api, users):
    body = '{"query": "RETURN 1", "params": {"x": "' + "a" * json_guard.MAX_BODY_BYTES + '"}}'
    response = api.post("/api/v1/cypher", data=body, content_type="application/json",
                        headers=users["researcher"].headers)
    assert is_error_shape(response, 413)


def test_endpoints_without_a_body_still_work(api, users):
    assert api.post("/api/v1/auth/logout", headers=users["lawyer"].headers).status_code == 200


def test_ordinary_json_passes_the_scan():
    ok = b'{"q": "[[[[{{{{\\"]]]]", "n": [1, 2.5, -3e10], "deep": [[[["x"]]]]}'
    assert json_guard.json_problem(ok) is None
    assert json_guard.json_problem(b"[" * 64 + b"]" * 64) is None
    assert "nested" in json_guard.json_problem(b"[" * 65 + b"]" * 65)
    assert json_guard.json_problem(b'{"n": ' + b"1" * 100 + b"}") is None
    assert "digits" in json_guard.json_problem(b'{"n": 0.' + b"1" * 101 + b"}")
    assert "digits" not in (json_guard.json_problem(b'{"s": "' + b"1" * 500 + b'"}') or "")
    assert json_guard.json_problem("{\"a\": \"\xff\"}".encode("latin-1")) == "the body is not UTF-8"
