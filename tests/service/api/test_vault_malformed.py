"""Malformed input to every writing endpoint, as the roles that may write: always a 4xx in
the one error shape, never a server error."""

from __future__ import annotations

import json

import pytest

BODIES = [
    None, [], "x", 5, {"record": None}, {"record": 5},
    {"record": "Person", "roles": "Victim", "name_en": 5},
    {"record": "Person", "roles": [], "name_en": "x"},
    {"record": "Person", "roles": ["Victim"], "name_en": "x", "birth_year": 1e30},
    {"record": "Location", "name_en": "x", "kind": "city", "lat": 91, "lon": 0},
    {"record": "Location", "name_en": "x", "kind": "city", "lat": 1},
    {"record": "Event", "kind": "abduction", "date_start": "2020-13-01"},
    {"type": None}, {"type": "SUBJECTED_TO"}, {"type": "SUBJECTED_TO", "from": [], "to": {}},
    {"purpose": None}, {"status": 5}, {"terms": []}, {"at_risk": "maybe"}, {"consent": 5},
    {"on": "x"}, {"given_on": "2020-01-01", "purpose": "internal", "obtained_by": ""},
    {"email": None, "password": None}, {"email": "a@b.c", "password": "x" * 2000}, {"label": 5},
    {"uid": None}, {"name_variants": [None]}, {"roles": None}, {"owner": ""},
    {"record": "Person", "uid": ""},
]
CALLS = [
    ("POST", "/api/v1/vault/records"), ("PATCH", "/api/v1/vault/records/p-1002"),
    ("PUT", "/api/v1/vault/records/p-1002"), ("PATCH", "/api/v1/vault/records/loc-yodok"),
    ("PUT", "/api/v1/vault/records/con-1002-0"), ("PATCH", "/api/v1/vault/records/nope"),
    ("POST", "/api/v1/vault/relationships"), ("POST", "/api/v1/vault/persons/p-1002/consents"),
    ("POST", "/api/v1/vault/persons/p-1002/consents/withdraw"),
    ("POST", "/api/v1/vault/persons/p-1002/at-risk"), ("POST", "/api/v1/vault/persons/p-1002/review"),
    ("POST", "/api/v1/vault/sources/src-pub1/terms"), ("POST", "/api/v1/users"),
    ("POST", "/api/v1/users/user-x/tokens"), ("POST", "/api/v1/auth/login"),
    ("DELETE", "/api/v1/vault/records/p-1002"),
]
IF_MATCH = ['"x"', "*", "garbage", ""]


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_malformed_input_is_a_4xx_in_the_one_shape(api, users, role):
    bad = []
    for n, (method, path) in enumerate(CALLS):
        for body in BODIES:
            headers = {**users[role].headers, "If-Match": IF_MATCH[n % len(IF_MATCH)]}
            response = api.open(path, method=method, headers=headers, data=json.dumps(body),
                                content_type="application/json")
            out = response.get_json()
            if not (400 <= response.status_code < 500 and isinstance(out, dict)
                    and out.get("message") and out.get("code") == response.status_code):
                bad.append((method, path, body, response.status_code,
                            response.get_data(as_text=True)[:200]))
    assert bad == []
    odd = api.get("/api/v1/vault/search?q=%00&limit=x", headers=users[role].headers)
    assert odd.status_code == 422
