"""Admins' pages and researchers' requests for console access: invitations, roles,
second-factor resets, the organisation wall, and the path from a request to a token."""

from __future__ import annotations

import re

from tests.support.vault_api import audit_entries
from tests.support.workspace import enrol, signed_in

LINK = re.compile(r"<code>(https?://[^<]+/invitation\?code=[^<]+)</code>")


def test_admin_invites_and_the_invited_person_sets_their_own_password(browser, users, stores):
    admin = signed_in(browser, users["admin"])
    admin.get("/workspace/admin/users")
    response = admin.post("/workspace/admin/users", {"email": "new.editor@example.org",
                                                     "role": "editor", "name": "New Editor"})
    assert response.status_code == 201
    link = LINK.search(response.get_data(as_text=True)).group(1)
    path = link.split("localhost", 1)[1].replace("&amp;", "&")
    newcomer = browser()
    assert newcomer.get(path).status_code == 200
    code = path.split("code=", 1)[1]
    short = newcomer.post("/invitation", {"code": code, "password": "short",
                                          "password_again": "short"}, csrf=False)
    assert short.status_code == 422 and "12 characters" in short.get_data(as_text=True)
    done = newcomer.post("/invitation", {"code": code, "password": "a long new passphrase",
                                         "password_again": "a long new passphrase"}, csrf=False)
    assert done.status_code == 302
    again = newcomer.post("/invitation", {"code": code, "password": "another passphrase!",
                                          "password_again": "another passphrase!"}, csrf=False)
    assert again.status_code == 422  # an invitation works once
    signing = newcomer.sign_in("new.editor@example.org", "a long new passphrase")
    assert signing.headers["Location"] == "/account/two-factor"  # editors enrol first
    enrol(newcomer)
    assert newcomer.get("/workspace").status_code == 200
    assert audit_entries(stores, "account.create")[-1]["actor"] == users["admin"].email


def test_admin_sees_and_changes_only_their_own_organisation(browser, users):
    admin = signed_in(browser, users["admin"])
    page = admin.get("/workspace/admin/users").get_data(as_text=True)
    assert users["lawyer"].email in page and users["lawyer-b"].email not in page
    other = users["lawyer-b"].uid
    for action in ("role", "disable", "reset-two-factor", "invitation"):
        response = admin.post(f"/workspace/admin/users/{other}/{action}", {"role": "admin"})
        assert response.status_code == 404, action
    crossing = admin.post("/workspace/admin/users", {"email": "x@example.org", "role": "admin",
                                                     "organization": "org-0002"})
    assert crossing.status_code == 201  # the form's organisation is ignored: always the admin's
    assert "org-0001" in crossing.get_data(as_text=True)


def test_role_change_and_second_factor_reset_end_the_persons_sessions(browser, users, stores):
    editor = signed_in(browser, users["editor"])
    assert editor.get("/workspace").status_code == 200
    admin = signed_in(browser, users["admin"])
    admin.get("/workspace/admin/users")
    reset = admin.post(f"/workspace/admin/users/{users['editor'].uid}/reset-two-factor")
    assert reset.status_code == 200 and "reset" in reset.get_data(as_text=True)
    assert editor.get("/workspace").status_code == 302
    assert editor.sign_in(users["editor"].email).headers["Location"] == "/account/two-factor"
    researcher = signed_in(browser, users["researcher"])
    changed = admin.post(f"/workspace/admin/users/{users['researcher'].uid}/role",
                         {"role": "investigator"})
    assert changed.status_code == 200
    assert researcher.get("/workspace").status_code == 302
    actions = [e["action"] for e in audit_entries(stores)]
    assert "twofactor.reset" in actions and "account.role" in actions
    bad = admin.post(f"/workspace/admin/users/{users['researcher'].uid}/role", {"role": "god"})
    assert bad.status_code == 422 and "role" in bad.get_data(as_text=True)


def test_admin_cannot_disable_themselves_but_can_disable_others(browser, users):
    admin = signed_in(browser, users["admin"])
    admin.get("/workspace/admin/users")
    own = admin.post(f"/workspace/admin/users/{users['admin'].uid}/disable")
    assert own.status_code == 422
    lawyer = signed_in(browser, users["lawyer"])
    assert admin.post(f"/workspace/admin/users/{users['lawyer'].uid}/disable").status_code == 200
    assert lawyer.get("/workspace").status_code == 302


def test_request_for_console_access_to_a_token(browser, users, vault_app, stores):
    visitor = browser()
    assert visitor.get("/researchers/request-access").status_code == 200
    bad = visitor.post("/researchers/request-access", {"name": "R. Searcher", "email": "nope",
                                                       "affiliation": "Uni", "purpose": "x"},
                       csrf=False)
    assert bad.status_code == 422 and "email" in bad.get_data(as_text=True)
    sent = visitor.post("/researchers/request-access", {
        "name": "Ri Yong-ho", "email": "ri@uni.example", "affiliation": "University",
        "purpose": "Patterns of detention, 1990–2020 / 구금 양상"}, csrf=False)
    assert sent.status_code == 201
    admin = signed_in(browser, users["admin"])
    page = admin.get("/workspace/admin/users").get_data(as_text=True)
    assert "ri@uni.example" in page and "구금 양상" in page
    uid = re.search(r'data-uid="(req-[0-9a-f]+)"', page).group(1)
    # Another organisation's admin may decide too; the decision is taken once.
    approved = admin.post(f"/workspace/admin/requests/{uid}", {"decision": "approve"})
    assert approved.status_code == 201
    link = LINK.search(approved.get_data(as_text=True)).group(1).replace("&amp;", "&")
    code = link.split("code=", 1)[1]
    other = signed_in(browser, users["admin-b"])
    other.get("/workspace/admin/users")
    twice = other.post(f"/workspace/admin/requests/{uid}", {"decision": "decline",
                                                            "reason": "late"})
    assert twice.status_code == 422
    researcher = browser()
    researcher.post("/invitation", {"code": code, "password": "research passphrase",
                                    "password_again": "research passphrase"}, csrf=False)
    assert researcher.sign_in("ri@uni.example", "research passphrase").status_code == 302
    account = researcher.get("/account")
    assert account.status_code == 200
    made = researcher.post("/account/tokens", {"label": "notebook"})
    assert made.status_code == 201
    token = re.search(r"<code>(fpt_[^<]+)</code>", made.get_data(as_text=True)).group(1)
    api = vault_app.test_client()
    me = api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["role"] == "researcher"
    token_uid = re.search(r"/account/tokens/(tok-[0-9a-f]+)/revoke", made.get_data(as_text=True))
    assert researcher.post(f"/account/tokens/{token_uid.group(1)}/revoke").status_code == 302
    assert api.get("/api/v1/auth/me",
                   headers={"Authorization": f"Bearer {token}"}).status_code == 401
    actions = [e["action"] for e in audit_entries(stores)]
    assert {"access.request", "access.approve", "token.issue", "token.revoke"} <= set(actions)


def test_a_user_cannot_revoke_another_users_token(browser, users, stores):
    researcher = signed_in(browser, users["researcher"])
    researcher.get("/account")
    found = stores.vault.execute_query(
        "MATCH (t:ApiToken {user: $uid}) RETURN t.uid AS uid", uid=users["lawyer"].uid,
        database_=stores.database("vault")).records[0]["uid"]
    assert researcher.post(f"/account/tokens/{found}/revoke").status_code == 404


def test_declining_needs_a_reason(browser, users):
    visitor = browser()
    visitor.post("/researchers/request-access", {"name": "A", "email": "a@b.example",
                                                 "affiliation": "B", "purpose": "C"}, csrf=False)
    admin = signed_in(browser, users["admin"])
    page = admin.get("/workspace/admin/users").get_data(as_text=True)
    uid = re.search(r'data-uid="(req-[0-9a-f]+)"', page).group(1)
    assert admin.post(f"/workspace/admin/requests/{uid}",
                      {"decision": "decline"}).status_code == 422
    assert admin.post(f"/workspace/admin/requests/{uid}",
                      {"decision": "decline", "reason": "no affiliation"}).status_code == 200
    assert "a@b.example" not in admin.get("/workspace/admin/users").get_data(as_text=True)
