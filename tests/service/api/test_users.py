"""Admins manage accounts over HTTP: create, list, read, issue tokens, revoke."""

from __future__ import annotations

from tests.support.vault_api import ORG_A, PASSWORD

USERS = "/api/v1/users"


def test_admin_creates_a_user_who_can_then_log_in(api, users):
    admin = users["admin"]
    response = api.post(USERS, headers=admin.headers, json={
        "email": "New.Lawyer@Example.org", "password": PASSWORD, "role": "lawyer",
        "organization": ORG_A, "name": "New Lawyer"})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["email"] == "new.lawyer@example.org" and created["role"] == "lawyer"
    assert created["disabled"] is False and created["uid"].startswith("user-")
    text = response.get_data(as_text=True)
    assert PASSWORD not in text and "password" not in text
    login = api.post("/api/v1/auth/login", json={"email": "new.lawyer@example.org",
                                                 "password": PASSWORD})
    assert login.status_code == 201
    one = api.get(f"{USERS}/{created['uid']}", headers=admin.headers)
    assert one.status_code == 200 and one.get_json()["email"] == "new.lawyer@example.org"
    assert api.get(f"{USERS}/user-nope", headers=admin.headers).status_code == 404


def test_bad_account_input_names_the_field(api, users):
    admin = users["admin"]
    base = {"email": "x@example.org", "password": PASSWORD, "role": "lawyer",
            "organization": ORG_A}
    cases = [
        ({**base, "role": "overlord"}, 422, "role"),
        ({**base, "password": "short"}, 422, "password"),
        ({**base, "email": "not-an-address"}, 422, "email"),
        ({**base, "organization": "org-nope"}, 422, "organization"),
        ({k: v for k, v in base.items() if k != "organization"}, 422, "organization"),
        ({**base, "email": "editor@example.org"}, 409, "email"),
    ]
    for body, status, field in cases:
        response = api.post(USERS, headers=admin.headers, json=body)
        assert response.status_code == status, (body, response.get_json())
        out = response.get_json()
        assert field in out["message"] and field in str(out["errors"]), out


def test_list_shows_accounts_without_secrets(api, users):
    response = api.get(USERS, headers=users["admin"].headers)
    assert response.status_code == 200
    listed = {u["email"]: u for u in response.get_json()}
    assert "editor-b@example.org" in listed and listed["editor@example.org"]["active_tokens"] == 1
    text = response.get_data(as_text=True)
    assert "argon2" not in text and "password" not in text and "token_hash" not in text


def test_admin_issues_a_token_and_revokes_an_account(api, users):
    admin, lawyer = users["admin"], users["lawyer"]
    issued = api.post(f"{USERS}/{lawyer.uid}/tokens", headers=admin.headers,
                      json={"label": "laptop"})
    assert issued.status_code == 201
    secret = issued.get_json()["token"]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/v1/auth/me", headers=bearer).get_json()["email"] == lawyer.email
    revoked = api.post(f"{USERS}/{lawyer.uid}/revoke", headers=admin.headers)
    assert revoked.status_code == 200
    assert revoked.get_json() == {"uid": lawyer.uid, "disabled": True, "tokens_revoked": 2}
    for headers in (bearer, lawyer.headers):
        assert api.get("/api/v1/auth/me", headers=headers).status_code == 401
    again = api.post(f"{USERS}/{lawyer.uid}/tokens", headers=admin.headers, json={})
    assert again.status_code == 409
    listed = {u["email"]: u for u in api.get(USERS, headers=admin.headers).get_json()}
    assert listed[lawyer.email]["disabled"] is True and listed[lawyer.email]["active_tokens"] == 0
    assert api.post(f"{USERS}/user-nope/revoke", headers=admin.headers).status_code == 404
