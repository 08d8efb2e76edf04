"""Signing in to the workspace: sessions, the second factor, CSRF, expiry, throttling and
the audit trail, tried as an attacker would."""

from __future__ import annotations

import re

import pyotp

from service.workspace.twofactor import hash_recovery
from tests.support.vault_api import audit_entries
from tests.support.workspace import FORM_TOKEN, enrol, signed_in


def vault_run(stores, query: str, **params):
    records, _, _ = stores.vault.execute_query(query, params, database_=stores.database("vault"))
    return [r.data() for r in records]


def test_researcher_signs_in_with_a_secure_rotated_session(browser, users, stores):
    b = browser()
    b.client.set_cookie("fp_session", "fixated-by-an-attacker", domain="localhost")
    before = b.get("/sign-in")
    assert before.status_code == 200
    assert before.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in before.headers["Content-Security-Policy"]
    response = b.sign_in(users["researcher"].email)
    assert response.status_code == 302 and response.headers["Location"] == "/workspace"
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("fp_session=")][0]
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Strict" in header
    first = b.cookie().value
    home = b.get("/workspace")
    assert home.status_code == 200 and users["researcher"].email in home.get_data(as_text=True)
    # The vault keeps only the secret's hash.
    stored = vault_run(stores, "MATCH (s:Session) RETURN s.secret_hash AS h, s.stage AS stage")
    assert stored and all(row["h"] != first for row in stored)
    assert first != "fixated-by-an-attacker"  # a session id chosen by someone else is not adopted
    # Signing in again after signing out: a new session id, the old one is dead.
    b.post("/sign-out")
    b.sign_in(users["researcher"].email)
    assert b.cookie().value != first
    old = browser()
    old.client.set_cookie("fp_session", first, domain="localhost")
    assert old.get("/workspace").status_code == 302


def test_wrong_password_is_refused_and_audited(browser, users, stores):
    b = browser()
    response = b.sign_in(users["researcher"].email, "not the password at all")
    assert response.status_code == 401
    assert "Wrong e-mail address or password" in response.get_data(as_text=True)
    assert b.cookie() is None
    failures = audit_entries(stores, "auth.login_failed", users["researcher"].uid)
    assert failures and "wrong password" in failures[-1]["details"]
    assert b.get("/workspace").headers["Location"].startswith("/sign-in")


def test_sign_in_form_needs_its_own_token(browser, users):
    b = browser()
    b.get("/sign-in")
    response = b.post("/sign-in", {"email": users["researcher"].email,
                                   "password": "correct horse battery staple",
                                   "form_token": "forged"}, csrf=False)
    assert response.status_code == 403
    assert b.cookie() is None


def test_editor_must_enrol_before_the_workspace_opens(browser, users, stores):
    b = browser()
    response = b.sign_in(users["editor"].email)
    assert response.headers["Location"] == "/account/two-factor"
    # The half-signed-in session opens nothing else.
    assert b.get("/workspace").headers["Location"] == "/account/two-factor"
    assert b.get("/account").headers["Location"] == "/account/two-factor"
    page = b.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page and "otpauth" not in page.split("<svg")[0]
    wrong = b.post("/account/two-factor", {"code": "000000"})
    assert wrong.status_code == 422
    stage_cookie = b.cookie().value
    secret = enrol(b)
    assert b.cookie().value != stage_cookie  # a new session once the factor is set
    assert b.get("/workspace").status_code == 200
    entries = audit_entries(stores, subject=users["editor"].uid)
    actions = [e["action"] for e in entries]
    assert "twofactor.enrol_failed" in actions and "twofactor.enable" in actions
    stored = vault_run(stores, "MATCH (u:User {uid: $uid}) RETURN u.recovery_hashes AS h",
                       uid=users["editor"].uid)[0]["h"]
    assert len(stored) == 10 and all(len(h) == 64 for h in stored)
    assert secret  # the next sign-in asks for a code
    again = browser()
    assert "/sign-in/code" in again.sign_in(users["editor"].email).headers["Location"]


def test_code_step_refuses_wrong_and_replayed_codes_and_takes_a_recovery_code_once(
        browser, users, stores):
    signed_in(browser, users["admin"])  # enrols a second factor
    secret = vault_run(stores, "MATCH (u:User {uid: $uid}) RETURN u.totp_secret AS s",
                       uid=users["admin"].uid)[0]["s"]
    totp = pyotp.TOTP(secret)
    # As if the enrolment was a minute ago, so this step's code has not been used yet.
    vault_run(stores, "MATCH (u:User {uid: $uid}) SET u.totp_last_step = u.totp_last_step - 2",
              uid=users["admin"].uid)
    second = browser()
    response = second.sign_in(users["admin"].email)
    assert "/sign-in/code" in response.headers["Location"]
    second.get("/sign-in/code")
    assert second.get("/workspace").headers["Location"].startswith("/sign-in/code")
    assert second.post("/sign-in/code", {"code": "123456"}).status_code == 401
    code = totp.now()
    ok = second.post("/sign-in/code", {"code": code})
    assert ok.status_code == 302 and ok.headers["Location"] == "/workspace"
    assert second.get("/workspace").status_code == 200
    # The same code, seen over a shoulder, does not work a second time.
    replay = browser()
    replay.sign_in(users["admin"].email)
    replay.get("/sign-in/code")
    assert replay.post("/sign-in/code", {"code": code}).status_code == 401
    # A recovery code works once, typed in any case.
    vault_run(stores, "MATCH (u:User {uid: $uid}) SET u.recovery_hashes = [$h]",
              uid=users["admin"].uid, h=hash_recovery("abcd-efgh-jkmn"))
    assert replay.post("/sign-in/code", {"code": "ABCD-EFGH-JKMN"}).status_code == 302
    third = browser()
    third.sign_in(users["admin"].email)
    third.get("/sign-in/code")
    assert third.post("/sign-in/code", {"code": "abcd-efgh-jkmn"}).status_code == 401
    actions = [e["action"] for e in audit_entries(stores, subject=users["admin"].uid)]
    assert actions.count("auth.second_factor_failed") >= 3 and "auth.second_factor" in actions


def test_writes_need_this_sessions_csrf_token(browser, users):
    mine = signed_in(browser, users["researcher"])
    theirs = signed_in(browser, users["investigator"])
    mine.get("/account")
    assert mine.post("/account/tokens", {"label": "x"}, csrf=False).status_code == 403
    assert mine.post("/account/tokens", {"label": "x", "csrf_token": theirs.csrf},
                     csrf=False).status_code == 403
    assert mine.post("/sign-out", {}, csrf=False).status_code == 403
    assert mine.post("/account/tokens", {"label": "x"}).status_code == 201


def test_idle_and_absolute_expiry_end_a_session(browser, users, stores):
    b = signed_in(browser, users["researcher"])
    assert b.get("/workspace").status_code == 200
    vault_run(stores, "MATCH (s:Session) SET s.last_seen_at = datetime() - duration('PT31M')")
    assert b.get("/workspace").headers["Location"].startswith("/sign-in")
    c = signed_in(browser, users["lawyer"])
    vault_run(stores, "MATCH (s:Session) SET s.expires_at = datetime() - duration('PT1S')")
    assert c.get("/workspace").headers["Location"].startswith("/sign-in")
    removed = vault_run(stores, "CALL { MATCH (s:Session) WHERE s.expires_at <= datetime() "
                                "DETACH DELETE s RETURN count(*) AS n } RETURN n")
    assert removed[0]["n"] >= 1


def test_sign_out_ends_the_session(browser, users, stores):
    b = signed_in(browser, users["researcher"])
    cookie = b.cookie().value
    b.get("/workspace")
    response = b.post("/sign-out")
    assert response.status_code == 302 and "signed-out" in response.headers["Location"]
    other = browser()
    other.client.set_cookie("fp_session", cookie, domain="localhost")
    assert other.get("/workspace").status_code == 302
    assert audit_entries(stores, "auth.logout", users["researcher"].uid)


def test_next_goes_back_to_this_site_only(browser, users):
    b = browser()
    response = b.get("/account")
    assert response.headers["Location"] == "/sign-in?next=/account"
    page = b.get("/sign-in?next=/account").get_data(as_text=True)
    token = FORM_TOKEN.search(page).group(1)
    ok = b.post("/sign-in", {"email": users["researcher"].email,
                             "password": "correct horse battery staple", "form_token": token,
                             "next": "/account"}, csrf=False)
    assert ok.headers["Location"] == "/account"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        c = browser()
        assert c.sign_in(users["researcher"].email, next=evil).headers["Location"] == "/workspace"


def test_sign_in_is_throttled_per_address_and_account(browser, users):
    b = browser()
    codes = [b.sign_in(users["lawyer"].email, "wrong password, guessing").status_code
             for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429
    page = b.sign_in(users["lawyer"].email).get_data(as_text=True)
    assert "Too many attempts" in page


def test_a_disabled_account_loses_its_sessions(browser, users, stores):
    b = signed_in(browser, users["investigator"])
    assert b.get("/workspace").status_code == 200
    from service.vault import accounts

    accounts.revoke_user(stores.vault, stores.database("vault"), users["investigator"].uid,
                         actor="operator:test")
    assert b.get("/workspace").status_code == 302
    assert not vault_run(stores, "MATCH (s:Session {user: $uid}) RETURN s",
                         uid=users["investigator"].uid)


def test_role_pages_refuse_other_roles(browser, users):
    b = signed_in(browser, users["researcher"])
    response = b.get("/workspace/admin/users")
    assert response.status_code == 403
    assert "admin" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_home_lists_the_pages_of_the_role(browser, users):
    page = signed_in(browser, users["researcher"]).get("/workspace").get_data(as_text=True)
    assert "/researchers/console" in page and "/workspace/admin/users" not in page
    admin = signed_in(browser, users["admin"]).get("/workspace").get_data(as_text=True)
    assert "/workspace/admin/users" in admin
    assert re.search(r"Signed in as admin@example\.org", admin)


def test_the_api_takes_a_session_only_with_its_csrf_token(browser, users):
    b = signed_in(browser, users["researcher"])
    b.get("/account")
    query = {"query": "MATCH (p:Person) RETURN count(p) AS n"}
    bare = b.client.post("/api/v1/cypher", json=query, base_url="https://localhost")
    assert bare.status_code == 401  # a cookie alone: another site's page could send it
    forged = b.client.post("/api/v1/cypher", json=query, base_url="https://localhost",
                           headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 401
    ok = b.client.post("/api/v1/cypher", json=query, base_url="https://localhost",
                       headers={"X-CSRF-Token": b.csrf})
    assert ok.status_code == 200, ok.get_json()
    me = b.client.get("/api/v1/auth/me", base_url="https://localhost",
                      headers={"X-CSRF-Token": b.csrf})
    assert me.get_json()["email"] == users["researcher"].email
    logout = b.client.post("/api/v1/auth/logout", base_url="https://localhost",
                           headers={"X-CSRF-Token": b.csrf})
    assert logout.status_code == 400


def test_session_state_gives_the_csrf_token_to_this_sites_scripts_only(browser, users):
    anonymous = browser()
    state = anonymous.get("/workspace/session")
    assert state.get_json() == {"signed_in": False, "csrf": None, "email": None, "role": None}
    assert state.headers["Cache-Control"] == "no-store"
    assert "Access-Control-Allow-Origin" not in state.headers
    b = signed_in(browser, users["researcher"])
    b.get("/account")
    body = b.get("/workspace/session").get_json()
    assert body["signed_in"] and body["csrf"] == b.csrf and body["role"] == "researcher"
    # What the public console's script does with it:
    ok = b.client.post("/api/v1/cypher", json={"query": "RETURN 1 AS one"},
                       base_url="https://localhost", headers={"X-CSRF-Token": body["csrf"]})
    assert ok.status_code == 200
