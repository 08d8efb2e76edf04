"""Browsers for the workspace's tests: Flask test clients over https (so the ``Secure``
session cookie travels) that keep their cookies, read each page's CSRF token, sign in as
the vault API's users and enrol a second factor."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp

from graph import encryption
from tests.support.vault_api import PASSWORD

FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client that keeps its cookies and reads the CSRF token of the last page."""

    def __init__(self, app):
        self.client = app.test_client()
        self.csrf = ""

    def get(self, path: str, **kw):
        response = self.client.get(path, base_url="https://localhost", **kw)
        found = CSRF.search(response.get_data(as_text=True))
        if found:
            self.csrf = found.group(1)
        return response

    def post(self, path: str, data: dict | None = None, csrf: bool = True, **kw):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf)
        response = self.client.post(path, data=data, base_url="https://localhost", **kw)
        found = CSRF.search(response.get_data(as_text=True))
        if found:
            self.csrf = found.group(1)
        return response

    def cookie(self, name: str = "fp_session"):
        return self.client.get_cookie(name, domain="localhost")

    def sign_in(self, email: str, password: str = PASSWORD, **kw):
        page = self.get("/sign-in").get_data(as_text=True)
        token = FORM_TOKEN.search(page).group(1)
        return self.post("/sign-in", {"email": email, "password": password,
                                      "form_token": token, **kw}, csrf=False)


def enrol(browser: Browser) -> str:
    """Finish the enrolment page the browser is at; the TOTP secret."""
    page = browser.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = browser.post("/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200, response.get_data(as_text=True)
    return secret


def signed_in(make, user) -> Browser:
    """A browser fully signed in as ``user`` (enrolling a second factor when the role
    requires one)."""
    b = make()
    response = b.sign_in(user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    if response.headers["Location"].endswith("/account/two-factor"):
        enrol(b)
    elif "/sign-in/code" in response.headers["Location"]:
        raise AssertionError("signed_in() is for users without a second factor yet")
    return b


def counts(stores) -> tuple[int, int]:
    """Nodes and relationships in the vault, to show that a refused write wrote nothing."""
    rows, _, _ = stores.vault.execute_query(
        "CALL () { MATCH (n) WHERE NOT n:AuditEntry AND NOT n:AuditHead AND NOT n:Session "
        "RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels", database_=stores.database("vault"))
    return rows[0]["nodes"], rows[0]["rels"]


#: The lawyers' fixture: two proceedings of two organisations (see tests/service/workspace/
#: test_cases.py).
CASES = Path(__file__).resolve().parents[1] / "service" / "workspace" / "data" / "cases.jsonl"


def load_cases(stores) -> Path:
    """Add the lawyers' fixture to the (already loaded) vault and publish."""
    from graph.publication import publish_all
    from loaders.importer import import_file

    db = stores.database("vault")
    import_file(stores.vault, CASES, database=db)
    publish_all(stores.vault, stores.public, db, stores.database("public"))
    return CASES

def confidential_people(stores, organization: str) -> dict[str, dict]:
    """The confidential people of ``organization`` (no one else may see them), with what
    identifies them: ``{uid: {"uid", "name_en", "name_ko", "name_variants", "contact",
    "notes"}}`` (missing texts as the uid, so that the leak check always has strings)."""
    rows = stores.vault.execute_query(
        "MATCH (p:Person {owner: $org}) WHERE NOT p:Public AND NOT p:Restricted "
        "RETURN p.uid AS uid, p.name_en AS name_en, p.name_ko AS name_ko, "
        "coalesce(p.name_variants, []) AS name_variants, p.contact AS contact, p.notes AS notes",
        org=organization, database_=stores.database("vault")).records
    # Sealed in the vault (graph/encryption.py): the leak checks look for the plain texts.
    opened = [encryption.active().open_props("Person", r.data()) for r in rows]
    return {r["uid"]: {k: (r[k] if r[k] is not None else r["uid"]) for k in r}
            for r in opened}
