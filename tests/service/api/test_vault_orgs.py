"""Organisations are walls: the cross-organisation matrix, and the attacks that found the gaps.

Every method and route under /api/v1/vault, /api/v1/users and /api/v1/auth (taken from
the app's URL map: a route added without a row here fails the test) is called by a user
of organisation B (org-0002), in each role, on organisation A's (org-0001) records,
confidential and restricted ones, and A's accounts. For each call the table says the
expected status; after each call, A's part of the vault (every node and relationship
but the audit log, B's accounts and B's tokens) must be exactly as before, and the
response must not hold anything that identifies A's confidential people, their consents
or A's accounts, beyond what the caller sent.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from service.vault import accounts
from service.vault.reads import read_record
from tests.support.documents import add_documents, empty_files, samples
from tests.support.leaks import fixture_people, identifying_strings
from tests.support.vault_api import ORG_A, ORG_B, PASSWORD, audit_entries, load_vault

B_ROLES = ("researcher-b", "investigator-b", "lawyer-b", "editor-b", "admin-b")
READERS = frozenset({"investigator-b", "lawyer-b", "editor-b", "admin-b"})
EDITORS = frozenset({"editor-b", "admin-b"})
ADMINS = frozenset({"admin-b"})
EVERYONE = frozenset(B_ROLES)
PREFIXES = ("/api/v1/vault", "/api/v1/users", "/api/v1/auth")
RECORDS = "/api/v1/vault/records"
PERSONS = "/api/v1/vault/persons"
RELS = "/api/v1/vault/relationships"
DOCS = "/api/v1/vault/documents"
#: Every route of one document (tests/support/documents.py: A's letters).
DOC_ROUTES = ("", "/file", "/public-copy", "/thumbnail", "/pages/1.png")


@pytest.fixture
def vault_app(settings, stores, vault, public, fast_argon2):
    """Overrides the package's fixture: the vault fixtures plus two documents of A's, a
    confidential letter naming A's hidden person and a restricted one (partners' terms)."""
    from service.app import create_app

    load_vault(stores)
    empty_files(stores)
    add_documents(stores, names=("letter-names-hidden", "letter-partners"))
    app = create_app(settings, stores)
    app.config["TESTING"] = True
    return app


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    allowed: frozenset[str]  # the roles that get past the role check
    status: int  # what they get
    body: Callable[[], object] | None = None
    if_match: str | None = None  # a record of A's whose current ETag goes into If-Match
    multipart: bool = False  # the body is a form with a file (an upload)

    def expected(self, role: str) -> int:
        return self.status if role in self.allowed else 403


def matrix(users, a_accounts: dict[str, str]) -> list[Row]:
    consent = {"purpose": "publication", "given_on": "2024-01-01", "obtained_by": "B"}
    new_person = {"record": "Person", "roles": ["Victim"], "name_en": "Synthetic B",
                  "owner": ORG_A}
    return [
        # reading: restricted records are shown, confidential ones are not there
        Row("GET", f"{RECORDS}/p-1002", READERS, 200),
        Row("GET", f"{RECORDS}/p-1001", READERS, 404),
        Row("GET", f"{RECORDS}/con-1002-0", READERS, 404),  # a consent record of A's
        Row("GET", f"{RECORDS}/src-internal", READERS, 404),
        Row("GET", f"{PERSONS}/p-1002", READERS, 200),  # with its consents withheld
        Row("GET", f"{PERSONS}/p-1001", READERS, 404),
        Row("GET", "/api/v1/vault/search?q=Hwang", READERS, 200),  # finds nothing of A's
        Row("GET", "/api/v1/vault/people/p-1002/merged", READERS, 200),
        Row("GET", "/api/v1/vault/people/p-1001/merged", READERS, 404),
        Row("GET", f"{RECORDS}/p-1002/explanation", EDITORS, 200),  # consents withheld
        Row("GET", f"{RECORDS}/p-1001/explanation", EDITORS, 404),
        Row("GET", "/api/v1/vault/withheld", EDITORS, 200),  # A's entries without A's people
        # creating records for A
        Row("POST", RECORDS, EDITORS, 403, lambda: new_person),
        Row("POST", RECORDS, EDITORS, 403,
            lambda: {"record": "Source", "kind": "letter", "terms_of_use": "public",
                     "submitted_by": ORG_A}),
        Row("POST", RECORDS, EDITORS, 403,
            lambda: {"record": "Event", "kind": "abduction", "owner": ORG_A}),
        # changing A's records, moving them to B (the attack) included
        Row("PATCH", f"{RECORDS}/p-1002", EDITORS, 403, lambda: {"owner": ORG_B},
            if_match="p-1002"),
        Row("PATCH", f"{RECORDS}/p-1002", EDITORS, 403, lambda: {"notes": "B was here"},
            if_match="p-1002"),
        Row("PUT", f"{RECORDS}/p-1002", EDITORS, 403, "current:p-1002", if_match="p-1002"),
        Row("PATCH", f"{RECORDS}/p-1002", EDITORS, 403, lambda: {"owner": ORG_B}),  # no If-Match
        Row("PATCH", f"{RECORDS}/p-1001", EDITORS, 404, lambda: {"owner": ORG_B},
            if_match="p-1001"),
        Row("PUT", f"{RECORDS}/p-1001", EDITORS, 404, "current:p-1001", if_match="p-1001"),
        Row("PATCH", f"{RECORDS}/src-pub1", EDITORS, 403, lambda: {"submitted_by": ORG_B},
            if_match="src-pub1"),
        Row("PATCH", f"{RECORDS}/e-1002", EDITORS, 403, lambda: {"summary_en": "B's"},
            if_match="e-1002"),  # an event owned through A's person
        Row("PATCH", f"{RECORDS}/proc-0001", EDITORS, 403, lambda: {"title": "B's"},
            if_match="proc-0001"),
        Row("PATCH", f"{RECORDS}/{ORG_A}", EDITORS, 403, lambda: {"name_en": "Renamed"},
            if_match=ORG_A),  # A's own Organization record
        # linking B's records to A's, or A's to anything
        Row("POST", RELS, EDITORS, 403,
            lambda: {"type": "RELATIVE_OF", "from": "p-2001", "to": "p-1002", "key": "b",
                     "props": {"relation": "spouse"}}),
        Row("POST", RELS, EDITORS, 403,
            lambda: {"type": "WITNESSED", "from": "p-2001", "to": "e-1002"}),
        Row("POST", RELS, EDITORS, 403,
            lambda: {"type": "SUPPORTS", "from": "src-orgb", "to": "p-1002", "key": "b"}),
        Row("POST", RELS, EDITORS, 403,
            lambda: {"type": "PERPETRATED_BY", "from": "e-1002", "to": "body-mss", "key": "b"}),
        Row("POST", RELS, EDITORS, 422,  # citing a source of A's that B may not see
            lambda: {"type": "LIVED_AT", "from": "p-2001", "to": "loc-seoul",
                     "sources": ["src-internal"]}),
        Row("POST", RELS, EDITORS, 422,
            lambda: {"type": "RELATIVE_OF", "from": "p-2001", "to": "p-1001",
                     "props": {"relation": "spouse"}}),
        # A's consents, review, at-risk mark, source terms
        Row("POST", f"{PERSONS}/p-1002/consents", EDITORS, 403, lambda: consent),
        Row("POST", f"{PERSONS}/p-1001/consents", EDITORS, 404, lambda: consent),
        Row("POST", f"{PERSONS}/p-1002/consents/withdraw", EDITORS, 403,
            lambda: {"purpose": "un_submission"}),
        Row("POST", f"{PERSONS}/p-1005/consents/withdraw", EDITORS, 404, lambda: {}),
        Row("POST", f"{PERSONS}/p-1002/at-risk", EDITORS, 403, lambda: {"at_risk": True}),
        Row("POST", f"{PERSONS}/p-1001/at-risk", EDITORS, 404, lambda: {"at_risk": True}),
        Row("POST", f"{PERSONS}/p-1009/review", EDITORS, 403, lambda: {"status": "approved"}),
        Row("POST", f"{PERSONS}/p-1001/review", EDITORS, 404, lambda: {"status": "rejected"}),
        Row("POST", f"{RECORDS}/src-pub1/review", EDITORS, 403, lambda: {"status": "rejected"}),
        Row("POST", f"{RECORDS}/src-internal/review", EDITORS, 404,
            lambda: {"status": "approved"}),
        Row("POST", "/api/v1/vault/sources/src-pub1/terms", EDITORS, 403,
            lambda: {"terms": "internal"}),
        Row("POST", "/api/v1/vault/sources/src-internal/terms", EDITORS, 404,
            lambda: {"terms": "public"}),
        # A's documents: the restricted letter is read, the confidential one is not there;
        # no document of B's links to A's records, and B processes none of A's
        Row("GET", DOCS, READERS, 200),  # without A's confidential letter
        Row("GET", f"{DOCS}/search?q=Hwang", READERS, 200),  # finds nothing of A's
        *(Row("GET", f"{DOCS}/doc-letter-names-hidden{route}", READERS, 404)
          for route in DOC_ROUTES),
        *(Row("GET", f"{DOCS}/doc-letter-partners{route}", READERS, 404 if "pages/2" in route
              else 200) for route in (*DOC_ROUTES, "/pages/2.png")),
        Row("POST", DOCS, EDITORS, 422, lambda: {
            "file": (io.BytesIO(samples()["letter-partners"]), "b.pdf"), "kind": "letter",
            "terms_of_use": "public", "source": "src-orgb", "title_en": "B's",
            "about": ["p-1002"]}, multipart=True),  # about A's restricted person
        Row("POST", DOCS, EDITORS, 422, lambda: {
            "file": (io.BytesIO(samples()["letter-partners"]), "b.pdf"), "kind": "letter",
            "terms_of_use": "public", "source": "src-pub1", "title_en": "B's"},
            multipart=True),  # from A's public source
        Row("POST", f"{DOCS}/doc-letter-partners/process", EDITORS, 403),
        Row("POST", f"{DOCS}/doc-letter-names-hidden/process", EDITORS, 404),
        # a rebuild re-decides from the vault's facts: A's records stay as they are
        Row("POST", "/api/v1/vault/publication", EDITORS, 200),
        # the audit log: B's admin verifies the chain, and lists B's part of it only
        Row("GET", "/api/v1/vault/audit/verify", ADMINS, 200),
        Row("GET", "/api/v1/vault/audit/entries?per_page=200", ADMINS, 200),
        # A's accounts
        Row("GET", "/api/v1/users", ADMINS, 200),  # B's accounts only
        Row("POST", "/api/v1/users", ADMINS, 403,
            lambda: {"email": "mole@example.org", "role": "editor", "organization": ORG_A}),
        Row("GET", f"/api/v1/users/{users['editor'].uid}", ADMINS, 404),
        Row("POST", f"/api/v1/users/{a_accounts['invited']}/invitation", ADMINS, 404),
        Row("POST", f"/api/v1/users/{users['lawyer'].uid}/revoke", ADMINS, 404),
        # signing in as A's editor needs A's editor's password; an invitation, its secret
        Row("POST", "/api/v1/auth/login", EVERYONE, 401,
            lambda: {"email": users["editor"].email, "password": "guessed password"}),
        Row("POST", "/api/v1/auth/invitations/accept", EVERYONE, 422,
            lambda: {"invitation": "fpi_guessed", "password": "a long enough password"}),
        Row("GET", "/api/v1/auth/me", EVERYONE, 200),
        Row("POST", "/api/v1/auth/logout", EVERYONE, 200),  # last: it revokes the caller's token
    ]


@pytest.fixture
def a_accounts(users, stores) -> dict[str, str]:
    invited, _ = accounts.invite_user(stores.vault, stores.database("vault"),
                                      "invited@example.org", "lawyer", ORG_A, actor="test")
    return {"invited": invited["uid"]}


def endpoints(app) -> set[str]:
    return {f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
            if rule.rule.startswith(PREFIXES) for method in rule.methods - {"HEAD", "OPTIONS"}}


def endpoint_of(app, row: Row) -> str:
    rule, _ = app.url_map.bind("localhost").match(row.path.split("?")[0], method=row.method,
                                                  return_rule=True)
    return f"{row.method} {rule.rule}"


def a_side(stores) -> dict[str, str]:
    """A's part of the vault, canonically: every node and relationship except the audit log,
    the publication lock (a rebuild counts its generations there), the free-text gate's
    bookkeeping (a rebuild restamps it) and B's own accounts and tokens (which B's sign-ins
    and sign-outs change)."""
    records, _, _ = stores.vault.execute_query(
        """
        MATCH (n)
        WHERE NOT n:AuditEntry AND NOT n:AuditHead AND NOT n:PublicationLock
          AND NOT n:PublicText AND NOT n:TextHold AND NOT n:GateState
          AND NOT (n:User AND n.organization = $b)
          AND NOT (n:ApiToken AND EXISTS { MATCH (u:User {uid: n.user, organization: $b}) })
        OPTIONAL MATCH (n)-[r]->(m)
        WITH n, collect([type(r), m.uid, properties(r)]) AS out
        RETURN coalesce(n.uid, elementId(n)) AS key, labels(n) AS labels,
               properties(n) AS props, out
        """, b=ORG_B, database_=stores.database("vault"))
    return {r["key"]: json.dumps([sorted(r["labels"]), r["props"],
                                  sorted(r["out"], key=str)], sort_keys=True, default=str)
            for r in records}


def needles(stores, users) -> set[str]:
    """What identifies A's confidential people, their consents and A's accounts."""
    records, _, _ = stores.vault.execute_query(
        "MATCH (p:Person:Confidential {owner: $a}) RETURN p.uid AS uid", a=ORG_A,
        database_=stores.database("vault"))
    people = fixture_people()
    out = {s for r in records if r["uid"] in people for s in identifying_strings(people[r["uid"]])}
    records, _, _ = stores.vault.execute_query(
        "MATCH (:Person {owner: $a})-[:GAVE]->(c:Consent) RETURN c.uid AS uid, c.evidence AS ev",
        a=ORG_A, database_=stores.database("vault"))
    out |= {r["uid"] for r in records} | {r["ev"] for r in records if r["ev"]}
    out |= {c.email for name, c in users.items() if not name.endswith("-b")}
    out |= {c.uid for name, c in users.items() if not name.endswith("-b")}
    assert "p-1001" in out and "con-1002-0" in out and len(out) > 30  # the test has teeth
    return out


def call(api, stores, users, row: Row, role: str):
    reader = users["editor"].user  # of A: reads the ETags and bodies the rows need
    headers = {} if row.path.endswith(("/login", "/accept")) else dict(users[role].headers)
    if row.if_match:
        headers["If-Match"] = f'"{read_record(stores, reader, row.if_match, audited=False)["etag"]}"'
    if isinstance(row.body, str):
        body = read_record(stores, reader, row.body.split(":", 1)[1], audited=False)["record"]
    else:
        body = row.body() if row.body else None
    if row.multipart:
        sent = {k: v for k, v in body.items() if k != "file"}
        return api.open(row.path, method=row.method, headers=headers, data=body,
                        content_type="multipart/form-data"), sent
    return api.open(row.path, method=row.method, headers=headers, json=body), body


def test_every_route_has_a_cross_organisation_row(vault_app, users, a_accounts):
    served = endpoints(vault_app)
    covered = {endpoint_of(vault_app, row) for row in matrix(users, a_accounts)}
    assert served - covered == set(), "routes without an expectation in the cross-org matrix"
    assert covered <= served


def test_cross_organisation_matrix(api, users, stores, a_accounts):
    secrets_of_a = needles(stores, users)
    expected, actual, changed, leaked = {}, {}, {}, {}
    for i, row in enumerate(matrix(users, a_accounts)):
        key = f"{i:02} {row.method} {row.path}"
        expected[key] = tuple(row.expected(role) for role in B_ROLES)
        statuses = []
        for role in B_ROLES:
            before = a_side(stores)
            response, body = call(api, stores, users, row, role)
            statuses.append(response.status_code)
            after = a_side(stores)
            diff = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            if diff:
                changed[(key, role)] = diff
            sent = row.path + json.dumps(body or {}, ensure_ascii=False)
            text = response.get_data().decode("utf-8", "replace")  # files are bytes
            found = sorted(s for s in secrets_of_a if s in text and s not in sent)
            if found:
                leaked[(key, role)] = found
            if response.status_code >= 400:
                out = response.get_json()
                assert set(out) <= {"code", "status", "message", "errors"} and out["message"], out
        actual[key] = tuple(statuses)
    assert {k: v for k, v in actual.items() if v != expected[k]} == {}
    assert changed == {}, "calls by organisation B changed organisation A's records"
    assert leaked == {}, "responses to organisation B held organisation A's secrets"


def test_an_editor_cannot_take_another_organisations_person(api, users, stores):
    """The attack as reported: PATCH the owner of A's restricted person to B, then read its
    consent records. Refused, nothing written, and even A's own editor cannot move it."""
    attacker, owner = users["editor-b"], users["editor"]
    url = f"{RECORDS}/p-1002"
    etag = api.get(url, headers=attacker.headers).headers["ETag"]
    moved = api.patch(url, json={"owner": ORG_B}, headers={**attacker.headers, "If-Match": etag})
    assert moved.status_code == 403, moved.get_json()
    assert "org-0001" in moved.get_json()["message"]
    dossier = api.get(f"{PERSONS}/p-1002", headers=attacker.headers).get_json()
    assert dossier["record"]["owner"] == ORG_A
    assert dossier["consents"] == [] and dossier["consents_withheld"] is True
    assert "Synthetic consent form" not in json.dumps(dossier, ensure_ascii=False)
    assert audit_entries(stores, "record.update", "p-1002") == []
    # the owning organisation cannot hand it over either (nor drop its owner)
    for change in ({"owner": ORG_B}, {"owner": None}):
        etag = api.get(url, headers=owner.headers).headers["ETag"]
        refused = api.patch(url, json=change, headers={**owner.headers, "If-Match": etag})
        assert refused.status_code == 422 and "owner" in refused.get_json()["errors"]
    assert api.get(url, headers=owner.headers).get_json()["record"]["owner"] == ORG_A


def test_an_admin_cannot_plant_a_user_in_another_organisation_or_act_as_its_members(api, users,
                                                                                      stores):
    """The attack as reported: A's admin creates a user in B, mints it a token, and reads
    B's confidential records; or mints a token for B's editor and acts as them."""
    admin = users["admin"]
    planted = api.post("/api/v1/users", headers=admin.headers, json={
        "email": "mole@example.org", "role": "editor", "organization": ORG_B})
    assert planted.status_code == 403 and "organization" in planted.get_json()["errors"]
    assert accounts.find_user(stores.vault, stores.database("vault"),
                              email="mole@example.org") is None
    for uid in (users["editor-b"].uid, users["investigator-b"].uid):
        minted = api.post(f"/api/v1/users/{uid}/tokens", headers=admin.headers, json={})
        assert minted.status_code in (404, 405)
        assert api.get(f"/api/v1/users/{uid}", headers=admin.headers).status_code == 404
        assert api.post(f"/api/v1/users/{uid}/revoke", headers=admin.headers).status_code == 404
        assert api.post(f"/api/v1/users/{uid}/invitation",
                        headers=admin.headers).status_code == 404
    # an account of A's own, made by A's admin, has no password A's admin knows: it cannot
    # be used before its holder sets one, and then it is an A account
    made = api.post("/api/v1/users", headers=admin.headers,
                    json={"email": "new@example.org", "role": "editor"}).get_json()
    assert made["organization"] == ORG_A and made["password_set"] is False
    assert api.post("/api/v1/auth/login", json={"email": "new@example.org",
                                                "password": PASSWORD}).status_code == 401
    # B's confidential records stay out of reach of everyone in A, the admin included
    assert api.get(f"{RECORDS}/p-2001", headers=admin.headers).status_code == 404
    refused = audit_entries(stores, "account.create")
    assert [e["subject"] for e in refused if e["actor"] == admin.email] == [made["uid"]]
    assert tokens_of(stores, users["editor-b"].uid) == 1  # the fixture's, and no other


def tokens_of(stores, uid: str) -> int:
    records, _, _ = stores.vault.execute_query(
        "MATCH (t:ApiToken {user: $uid}) RETURN count(t) AS n", uid=uid,
        database_=stores.database("vault"))
    return records[0]["n"]
