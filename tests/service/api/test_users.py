"""Admins manage their own organisation's accounts over HTTP: invite, list, read, revoke;
invited people set their own password. Every step is audited, without a secret."""

from __future__ import annotations

from service.vault import accounts
from tests.support.vault_api import ORG_A, ORG_B, PASSWORD, audit_entries

USERS = "/api/v1/users"
ACCEPT = "/api/v1/auth/invitations/accept"
LOGIN = "/api/v1/auth/login"
NEW_PASSWORD = "a password of their own choosing"


def invite(api, admin, **body) -> dict:
    response = api.post(USERS, headers=admin.headers, json={
        "email": "New.Lawyer@Example.org", "role": "lawyer", "name": "New Lawyer", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_invited_user_sets_their_own_password_and_can_then_log_in(api, users, stores):
    admin = users["admin"]
    created = invite(api, admin)
    assert created["email"] == "new.lawyer@example.org" and created["role"] == "lawyer"
    assert created["organization"] == ORG_A  # the admin's own, by default
    assert created["disabled"] is False and created["uid"].startswith("user-")
    assert created["password_set"] is False and created["invitation_expires_at"]
    secret = created["invitation"]
    assert secret.startswith(accounts.INVITATION_PREFIX) and len(secret) > 40
    # no one knows a password yet, so no one can sign in as the new user
    for guess in (PASSWORD, secret):
        assert api.post(LOGIN, json={"email": created["email"], "password": guess}).status_code == 401
    accepted = api.post(ACCEPT, json={"invitation": secret, "password": NEW_PASSWORD})
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["email"] == "new.lawyer@example.org"
    assert "password" not in accepted.get_data(as_text=True)
    login = api.post(LOGIN, json={"email": "new.lawyer@example.org", "password": NEW_PASSWORD})
    assert login.status_code == 201
    # used up: the invitation does not set a password twice
    again = api.post(ACCEPT, json={"invitation": secret, "password": "someone else's password"})
    assert again.status_code == 422 and "invitation" in again.get_json()["errors"]
    one = api.get(f"{USERS}/{created['uid']}", headers=admin.headers).get_json()
    assert one["password_set"] is True and one["invitation_expires_at"] is None
    # the vault keeps neither the invitation nor the password, only their hashes
    records, _, _ = stores.vault.execute_query(
        "MATCH (u:User {uid: $uid}) RETURN properties(u) AS p", uid=created["uid"],
        database_=stores.database("vault"))
    stored = [str(v) for v in records[0]["p"].values()]
    assert secret not in stored and NEW_PASSWORD not in stored
    # and the log has each step, who did it, to whom
    entries = audit_entries(stores, subject=created["uid"])
    assert [(e["action"], e["actor"]) for e in entries][:3] == [
        ("account.create", admin.email), ("auth.login_failed", "anonymous"),
        ("auth.login_failed", "anonymous")]
    assert '"reason": "no password set"' in entries[1]["details"]
    assert [(e["action"], e["actor"]) for e in entries][3:] == [
        ("account.accept", created["email"]), ("auth.login", created["email"]),
        ("token.issue", created["email"])]
    assert '"invited": true' in entries[0]["details"] and ORG_A in entries[0]["details"]
    logged = str(audit_entries(stores))
    assert secret not in logged and NEW_PASSWORD not in logged and PASSWORD not in logged


def test_bad_account_input_names_the_field(api, users, stores):
    admin = users["admin"]
    base = {"email": "x@example.org", "role": "lawyer"}
    cases = [
        ({**base, "role": "overlord"}, 422, "role"),
        ({**base, "email": "not-an-address"}, 422, "email"),
        ({**base, "password": PASSWORD}, 422, "password"),  # an admin sets no one's password
        ({**base, "organization": ORG_B}, 403, "organization"),  # another organisation
        ({**base, "organization": "org-nope"}, 403, "organization"),
        ({**base, "email": "editor@example.org"}, 409, "email"),
        ({**base, "email": "editor-b@example.org"}, 409, "email"),
    ]
    before = len(audit_entries(stores, "account.create"))
    for body, status, field in cases:
        response = api.post(USERS, headers=admin.headers, json=body)
        assert response.status_code == status, (body, response.get_json())
        out = response.get_json()
        assert field in out["message"] and field in str(out["errors"]), out
    assert len(audit_entries(stores, "account.create")) == before  # nothing was created


def test_an_expired_or_unknown_invitation_sets_nothing(api, users, stores):
    created = invite(api, users["admin"])
    stores.vault.execute_query(
        "MATCH (u:User {uid: $uid}) SET u.invitation_expires_at = datetime() - duration('PT1M')",
        uid=created["uid"], database_=stores.database("vault"))
    cases = [({"invitation": created["invitation"], "password": NEW_PASSWORD}, "invitation"),
             ({"invitation": "fpi_made-up", "password": NEW_PASSWORD}, "invitation"),
             ({"invitation": "something", "password": NEW_PASSWORD}, "invitation"),
             ({"invitation": created["invitation"], "password": "short"}, "password")]
    for body, field in cases:
        response = api.post(ACCEPT, json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert field in response.get_data(as_text=True)
    assert api.get(f"{USERS}/{created['uid']}",
                   headers=users["admin"].headers).get_json()["password_set"] is False
    assert audit_entries(stores, "account.accept") == []


def test_an_admin_reinvites_only_accounts_without_a_password(api, users, stores):
    admin = users["admin"]
    created = invite(api, admin)
    again = api.post(f"{USERS}/{created['uid']}/invitation", headers=admin.headers)
    assert again.status_code == 201
    fresh = again.get_json()["invitation"]
    assert fresh != created["invitation"]
    stale = api.post(ACCEPT, json={"invitation": created["invitation"], "password": NEW_PASSWORD})
    assert stale.status_code == 422  # the old one stopped working
    assert api.post(ACCEPT, json={"invitation": fresh, "password": NEW_PASSWORD}).status_code == 200
    # once a password is set, no invitation can replace it (that would be a takeover)
    for uid in (created["uid"], users["editor"].uid):
        refused = api.post(f"{USERS}/{uid}/invitation", headers=admin.headers)
        assert refused.status_code == 409, refused.get_json()
    assert [e["actor"] for e in audit_entries(stores, "account.invite")] == [admin.email]


def test_an_admin_sees_only_their_own_organisations_accounts(api, users):
    response = api.get(USERS, headers=users["admin"].headers)
    assert response.status_code == 200
    listed = {u["email"]: u for u in response.get_json()}
    assert set(listed) == {f"{r}@example.org" for r in accounts.ROLES}
    assert listed["editor@example.org"]["active_tokens"] == 1
    assert listed["editor@example.org"]["password_set"] is True
    text = response.get_data(as_text=True)
    assert "argon2" not in text and "password_hash" not in text and "token_hash" not in text
    assert "invitation_hash" not in text and "-b@example.org" not in text
    for uid in (users["editor-b"].uid, users["admin-b"].uid, "user-nope"):
        assert api.get(f"{USERS}/{uid}", headers=users["admin"].headers).status_code == 404


def test_an_admin_revokes_an_account_of_their_organisation(api, users, stores):
    admin, lawyer = users["admin"], users["lawyer"]
    login = api.post(LOGIN, json={"email": lawyer.email, "password": PASSWORD, "label": "laptop"})
    bearer = {"Authorization": f"Bearer {login.get_json()['token']}"}
    assert api.get("/api/v1/auth/me", headers=bearer).get_json()["email"] == lawyer.email
    revoked = api.post(f"{USERS}/{lawyer.uid}/revoke", headers=admin.headers)
    assert revoked.status_code == 200
    assert revoked.get_json() == {"uid": lawyer.uid, "disabled": True, "tokens_revoked": 2}
    for headers in (bearer, lawyer.headers):
        assert api.get("/api/v1/auth/me", headers=headers).status_code == 401
    listed = {u["email"]: u for u in api.get(USERS, headers=admin.headers).get_json()}
    assert listed[lawyer.email]["disabled"] is True and listed[lawyer.email]["active_tokens"] == 0
    assert api.post(f"{USERS}/user-nope/revoke", headers=admin.headers).status_code == 404
    [entry] = audit_entries(stores, "account.revoke")
    assert (entry["actor"], entry["subject"]) == (admin.email, lawyer.uid)
    assert '"tokens_revoked": 2' in entry["details"]


def test_no_one_mints_a_token_for_someone_else(api, users):
    """The route that let an admin mint tokens for any account is gone: a token comes from
    signing in, with one's own password."""
    admin = users["admin"]
    for uid in (users["lawyer"].uid, users["lawyer-b"].uid, admin.uid):
        response = api.post(f"{USERS}/{uid}/tokens", headers=admin.headers, json={"label": "x"})
        assert response.status_code in (404, 405), response.status_code


def test_an_admin_of_no_organisation_manages_no_accounts(api, users, stores):
    """An account left from before every admin had an organisation (made here directly in
    the vault) is refused rather than treated as an admin of everyone."""
    db = stores.database("vault")
    stores.vault.execute_query("MATCH (u:User {uid: $uid}) SET u.organization = null",
                               uid=users["admin"].uid, database_=db)
    headers = users["admin"].headers
    assert api.get(USERS, headers=headers).status_code == 403
    assert api.post(USERS, headers=headers, json={"email": "y@example.org",
                                                  "role": "lawyer"}).status_code == 403
    assert api.get(f"{USERS}/{users['lawyer'].uid}", headers=headers).status_code == 403
    assert api.get("/api/v1/vault/audit/entries", headers=headers).status_code == 403
    assert api.get("/api/v1/vault/records/p-1001", headers=headers).status_code == 404
