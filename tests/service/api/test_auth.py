"""Login, logout, who am I; bearer tokens; password and token hashing; the login rate limits."""

from __future__ import annotations

import hashlib

import pytest

from service.auth import GRANTS
from service.vault import accounts
from tests.support.vault_api import ORG_A, PASSWORD

LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"


def vault_strings(stores) -> list[str]:
    records, _, _ = stores.vault.execute_query(
        "MATCH (n) WHERE n:User OR n:ApiToken RETURN properties(n) AS p",
        database_=stores.database("vault"))
    return [str(v) for r in records for v in r["p"].values()]


def test_login_returns_a_token_that_works_and_is_stored_hashed(api, users, stores):
    response = api.post(LOGIN, json={"email": "Editor@Example.org", "password": PASSWORD})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    secret = body["token"]
    assert secret.startswith("fpt_") and body["user"]["role"] == "editor"
    assert "password" not in response.get_data(as_text=True)
    me = api.get(ME, headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200
    assert me.get_json()["email"] == "editor@example.org"
    assert set(me.get_json()["grants"]) == {"researcher", "investigator", "lawyer", "editor"}
    stored = vault_strings(stores)
    assert secret not in stored
    assert hashlib.sha256(secret.encode()).hexdigest() in stored


def test_wrong_password_and_unknown_email_get_the_same_401(api, users):
    wrong = api.post(LOGIN, json={"email": "editor@example.org", "password": "not it at all"})
    unknown = api.post(LOGIN, json={"email": "nobody@example.org", "password": PASSWORD})
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert wrong.get_json() == unknown.get_json()
    assert set(wrong.get_json()) == {"code", "status", "message"}


def test_login_input_errors_name_the_field(api, users):
    response = api.post(LOGIN, json={"email": "editor@example.org"})
    assert response.status_code == 422
    body = response.get_json()
    assert "password" in body["message"] and "password" in body["errors"]["json"]
    assert api.post(LOGIN, data="not json", content_type="application/json").status_code in (400, 422)


def test_missing_malformed_and_bogus_tokens_are_401_with_www_authenticate(api, users):
    cases = [({}, None), ({"Authorization": "Basic abc"}, "invalid_request"),
             ({"Authorization": "Bearer "}, "invalid_request"),
             ({"Authorization": "Bearer fpt_not-a-token"}, "invalid_token"),
             ({"Authorization": "Bearer something-else"}, "invalid_token")]
    for headers, error in cases:
        response = api.get(ME, headers=headers)
        assert response.status_code == 401, headers
        challenge = response.headers["WWW-Authenticate"]
        assert challenge.startswith('Bearer realm="footprints"')
        assert (error is None) or f'error="{error}"' in challenge
        assert response.get_json()["message"]


def test_logout_revokes_the_token_used_and_only_that_one(api, users, stores):
    editor = users["editor"]
    other = accounts.issue_token(stores.vault, stores.database("vault"), editor.uid, "second",
                                 actor="operator:test")
    assert api.post("/api/v1/auth/logout", headers=editor.headers).status_code == 200
    again = api.get(ME, headers=editor.headers)
    assert again.status_code == 401 and 'error="invalid_token"' in again.headers["WWW-Authenticate"]
    assert api.get(ME, headers={"Authorization": f"Bearer {other.secret}"}).status_code == 200
    records, _, _ = stores.vault.execute_query(
        "MATCH (t:ApiToken {user: $uid}) RETURN t.label AS label, t.revoked_at IS NULL AS live",
        uid=editor.uid, database_=stores.database("vault"))
    assert {r["label"]: r["live"] for r in records} == {"test": False, "second": True}


def test_disabled_account_cannot_log_in_and_its_tokens_stop(api, users, stores):
    lawyer = users["lawyer"]
    assert accounts.revoke_user(stores.vault, stores.database("vault"), lawyer.uid,
                                actor="operator:test") == 1
    assert api.get(ME, headers=lawyer.headers).status_code == 401
    assert api.post(LOGIN, json={"email": lawyer.email, "password": PASSWORD}).status_code == 401


def test_passwords_are_argon2_hashed_never_plain(vault_app, stores, monkeypatch):
    """With the real argon2 parameters (the fixtures' cheap ones put back to the default)."""
    db = stores.database("vault")
    monkeypatch.setattr(accounts, "_HASHER", accounts.PasswordHasher())
    accounts.create_user(stores.vault, db, "hash@example.org", "lawyer", PASSWORD, organization=ORG_A,
                         actor="operator:test")
    records, _, _ = stores.vault.execute_query(
        "MATCH (u:User {email: 'hash@example.org'}) RETURN properties(u) AS p", database_=db)
    props = records[0]["p"]
    assert props["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in [str(v) for v in props.values()]
    assert accounts.verify_login(stores.vault, db, "hash@example.org", PASSWORD).role == "lawyer"
    assert accounts.verify_login(stores.vault, db, "hash@example.org", PASSWORD + "x") is None
    with pytest.raises(accounts.AccountError, match="password"):
        accounts.create_user(stores.vault, db, "short@example.org", "lawyer", "short",
                             organization=ORG_A, actor="operator:test")


def test_login_is_rate_limited_per_ip_and_email(api, users):
    attempt = {"email": "editor@example.org", "password": "wrong password!"}
    statuses = [api.post(LOGIN, json=attempt).status_code for _ in range(10)]
    assert statuses == [401] * 10
    blocked = api.post(LOGIN, json={**attempt, "password": PASSWORD})  # even the right one
    assert blocked.status_code == 429
    body = blocked.get_json()
    assert body["code"] == 429 and body["status"] == "Too Many Requests" and body["message"]
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    # another address from the same client is not locked out
    other = api.post(LOGIN, json={"email": "lawyer@example.org", "password": PASSWORD})
    assert other.status_code == 201


def test_rate_limits_are_configurable(vault_app, users):
    vault_app.config["RATELIMITS"] = {"login": "2/hour"}
    api = vault_app.test_client()
    body = {"email": "x@example.org", "password": "whatever it is"}
    assert [api.post(LOGIN, json=body).status_code for _ in range(3)] == [401, 401, 429]
    assert int(api.post(LOGIN, json=body).headers["Retry-After"]) > 3000


def test_login_is_throttled_per_address_across_emails(api, users):
    """The issue's attack: 36 tries over 12 e-mail addresses from one address were never
    slowed. Now the address's own limit stops them, while another address still signs in."""
    statuses = [api.post(LOGIN, json={"email": f"user{n % 12}@example.org",
                                      "password": "a guess of mine"}).status_code
                for n in range(36)]
    assert statuses[0] == 401 and 429 in statuses
    first = statuses.index(429)
    assert first <= 30 and set(statuses[first:]) == {429}
    assert api.post(LOGIN, json={"email": "editor@example.org", "password": PASSWORD}
                    ).status_code == 429  # this address is throttled, even for a right password
    elsewhere = api.post(LOGIN, json={"email": "editor@example.org", "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 201


class Clock:
    """Stands in for the ``time`` module of the rate-limit storage."""

    def __init__(self):
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


def test_a_short_limit_does_not_reset_a_long_one(vault_app, users, monkeypatch):
    import limits.storage.memory

    import service.ratelimit

    clock = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    monkeypatch.setattr(service.ratelimit, "time", clock)
    vault_app.config["RATELIMITS"] = {"login_address": "2/second;5/hour"}
    service.ratelimit.limiter.reset()
    api = vault_app.test_client()

    def attempts(n: int) -> list[int]:
        return [api.post(LOGIN, json={"email": f"u{k}@example.org", "password": "nope nope"}
                         ).status_code for k in range(n)]

    assert attempts(3) == [401, 401, 429]  # the second's limit
    clock.now += 2
    assert attempts(3) == [401, 401, 429]
    clock.now += 2
    assert attempts(2) == [401, 429]  # 5 in the hour: the hour's limit holds
    blocked = api.post(LOGIN, json={"email": "x@example.org", "password": "nope nope"})
    assert 3000 < int(blocked.headers["Retry-After"]) <= 3600
    clock.now += 3600
    assert attempts(1) == [401]


def test_role_hierarchy_is_explicit():
    assert GRANTS["admin"] == frozenset(accounts.ROLES)
    assert "investigator" not in GRANTS["lawyer"] and "lawyer" not in GRANTS["investigator"]
    assert GRANTS["editor"] >= {"investigator", "lawyer", "researcher"}
    assert "editor" not in GRANTS["investigator"] | GRANTS["lawyer"] | GRANTS["researcher"]
    assert all("researcher" in granted for granted in GRANTS.values())


def test_cypher_console_is_for_signed_in_users_and_rate_limited_per_account(vault_app, users,
                                                                           stores):
    vault_app.config["RATELIMITS"] = {"cypher": "2/minute"}
    api = vault_app.test_client()
    query = {"query": "RETURN 1 AS one"}
    assert api.post("/api/v1/cypher", json=query).status_code == 401
    researcher, lawyer = users["researcher"], users["lawyer"]
    statuses = [api.post("/api/v1/cypher", json=query, headers=researcher.headers).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = api.post("/api/v1/cypher", json=query, headers=researcher.headers)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert limited.get_json()["message"].startswith("too many requests")
    # signing in again mints a new token: the account's limit still holds
    login = api.post(LOGIN, json={"email": researcher.email, "password": PASSWORD})
    fresh = {"Authorization": f"Bearer {login.get_json()['token']}"}
    assert api.post("/api/v1/cypher", json=query, headers=fresh).status_code == 429
    other = accounts.issue_token(stores.vault, stores.database("vault"), researcher.uid, "cli",
                                 actor="operator:test")
    assert api.post("/api/v1/cypher", json=query,
                    headers={"Authorization": f"Bearer {other.secret}"}).status_code == 429
    assert api.post("/api/v1/cypher", json=query, headers=lawyer.headers).status_code == 200
