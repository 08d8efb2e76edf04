"""Bad input to every form of the workspace's accounts and console: empty, too long, of
the wrong kind, and malicious (markup, Cypher fragments). Each gets a clear message in
the page and writes nothing (the vault's nodes and relationships are counted before and
after; audit entries of refused attempts excepted, they are the point)."""

from __future__ import annotations

import pytest

from tests.support.workspace import counts, signed_in

MALICIOUS = ["<script>alert(1)</script>", "'}) DETACH DELETE n //", "x" * 100_000, "",
             "\u0000", "12345"]


@pytest.mark.parametrize("value", MALICIOUS, ids=["script", "cypher", "long", "empty", "nul",
                                                  "number"])
def test_account_forms_refuse_bad_input_and_write_nothing(browser, users, stores, value):
    admin = signed_in(browser, users["admin"])
    admin.get("/workspace/admin/users")
    before = counts(stores)
    for form in ({"email": value, "role": "editor"}, {"email": "ok@example.org", "role": value}):
        response = admin.post("/workspace/admin/users", form)
        text = response.get_data(as_text=True)
        assert response.status_code == 422, (form, text[:300])
        assert 'id="admin-error"' in text and "<script>alert(1)</script>" not in text
    role = admin.post(f"/workspace/admin/users/{users['lawyer'].uid}/role", {"role": value})
    assert role.status_code == 422
    decided = admin.post("/workspace/admin/requests/" + ("req-x" if value else "x"),
                         {"decision": value})
    assert decided.status_code in (400, 422)
    visitor = browser()
    request = visitor.post("/researchers/request-access",
                           {"name": value, "email": value, "affiliation": value,
                            "purpose": value}, csrf=False)
    assert request.status_code == 422 and 'id="request-error"' in request.get_data(as_text=True)
    invitation = visitor.post("/invitation", {"code": value, "password": value,
                                              "password_again": value}, csrf=False)
    assert invitation.status_code == 422
    researcher = signed_in(browser, users["researcher"])
    researcher.get("/workspace/console")
    saved = researcher.post("/workspace/console/saved", {"title": value, "query": value})
    assert saved.status_code in (302, 422)
    if saved.status_code == 302:  # a harmless title and query are kept as text, escaped
        page = researcher.get("/workspace/console").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        stores.vault.execute_query("MATCH (q:SavedQuery) DELETE q",
                                   database_=stores.database("vault"))
    signing = browser()
    assert signing.sign_in(value or "nobody@example.org", value).status_code in (401, 403)
    assert counts(stores) == before
