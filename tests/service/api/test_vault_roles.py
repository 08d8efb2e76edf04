"""The roles matrix: each role (and anonymous) against every endpoint of the API.

One table says who may do what; the test calls every endpoint as every role and compares
the whole table of statuses at once, so a failure shows every cell that differs. The
endpoints are taken from the app's URL map (and checked against the OpenAPI document):
an endpoint added without a row here fails the test.

The vault holds the consent fixture (org-0001), a second organisation's confidential
records (org-0002), and the explorer and resource fixtures, so that every public
endpoint has a public record to answer with. Every caller here belongs to org-0001, the
admin included; what users of another organisation may do to these records is the
cross-organisation matrix's subject (test_vault_orgs.py).

Calls that change data are written so that the permitted roles succeed in turn; logging
out comes last, since it revokes the caller's token.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from service.auth import granted
from service.public import downloads, entities, maps
from service.vault import accounts
from service.vault.reads import read_record
from tests.support.documents import add_documents, empty_files, samples
from tests.support.published import EXPLORER, RESOURCES
from tests.support.vault_api import ORG_A, PASSWORD, load_vault, make_user

DOCS = "/api/v1/vault/documents"
ROLES = ("anonymous", "researcher", "investigator", "lawyer", "editor", "admin")
PUBLIC = frozenset(ROLES)
EVERYONE = frozenset(ROLES[1:])
READERS = frozenset({"investigator", "lawyer", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})
#: A public record of each kind (explorer and resource fixtures).
PUBLIC_UIDS = {"victims": "p-x1", "officials": "p-x9", "perpetrators": "body-mss",
               "locations": "loc-sokcho", "events": "e-x1", "proceedings": "proc-x1",
               "instruments": "ins-iccpr", "resources": "res-x1", "sources": "src-x1",
               "organizations": "org-x1", "documents": "doc-letter-public"}


@pytest.fixture
def vault_app(settings, stores, vault, public, fast_argon2):
    """Overrides the package's fixture: the vault fixtures plus the public ones."""
    from service.app import create_app

    load_vault(stores, EXPLORER, RESOURCES)
    empty_files(stores)
    add_documents(stores, names=("letter-public",))
    app = create_app(settings, stores)
    app.config["TESTING"] = True
    return app


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    allowed: frozenset[str]
    ok: int = 200
    body: Callable[[str], object] | str | None = None
    if_match: str | None = None  # uid whose current ETag goes into If-Match
    multipart: bool = False  # the body is a form with a file (an upload)
    special: dict[str, int] = field(default_factory=dict)  # role -> status, beyond allowed

    def expected(self, role: str) -> int:
        if role in self.special:
            return self.special[role]
        if role in self.allowed:
            return self.ok
        return 401 if role == "anonymous" else 403


def public_rows() -> list[Row]:
    rows = [Row("GET", url, PUBLIC) for url in (
        "/api/v1/openapi.json", "/api/v1/docs", "/api/v1/vocabularies", "/api/v1/vocabularies/sex",
        "/api/v1/search?q=kim", "/api/v1/find?q=kim", "/api/v1/suggest?q=kim",
        "/api/v1/document-text?q=letter", "/api/v1/stats",
        "/api/v1/maps", "/api/v1/downloads",
        "/api/v1/downloads/graph.jsonl", "/api/v1/downloads/csv.zip",
        "/api/v1/downloads/graph.graphml", "/api/v1/graphs/neighbourhood/p-x1?hops=2",
        "/api/v1/graphs/paths?from=p-x1&to=p-x3", "/api/v1/graphs/chain/p-x2",
        "/api/v1/graphs/cases/p-x1/proceedings", "/api/v1/graphs/proceedings/proc-x2/cases",
        "/api/v1/people/p-1007/merged")]
    rows += [Row("GET", f"/api/v1/maps/{layer}", PUBLIC) for layer in maps.LAYERS]
    rows += [Row("GET", f"/api/v1/downloads/csv/{table}.csv", PUBLIC)
             for table in downloads.CSV_TABLES]
    for kind in entities.KINDS:
        rows += [Row("GET", f"/api/v1/{kind}", PUBLIC),
                 Row("GET", f"/api/v1/{kind}/{PUBLIC_UIDS[kind]}", PUBLIC)]
    # a hidden person is not there for anyone, signed in or not
    rows += [Row("GET", "/api/v1/victims/p-1001", PUBLIC, 404),
             Row("GET", "/api/v1/people/p-1001/merged", PUBLIC, 404)]
    return rows


@pytest.fixture
def accounts_to_manage(users, stores) -> dict[str, str]:
    """Accounts of org-0001 for the admin's rows to act on, so that no caller of the matrix
    loses its own account half-way: one to revoke, one invited that has not yet accepted."""
    spare = make_user(stores, "spare", "researcher", ORG_A)
    invited, _ = accounts.invite_user(stores.vault, stores.database("vault"),
                                      "invited@example.org", "lawyer", ORG_A, actor="test")
    return {"spare": spare.uid, "invited": invited["uid"]}


def matrix(users, managed: dict[str, str]) -> list[Row]:
    person = {"record": "Person", "roles": ["Victim"], "name_en": "Synthetic Matrix"}
    consent = {"purpose": "internal", "given_on": "2024-01-01", "obtained_by": "Synthetic"}
    rows = public_rows() + [
        Row("POST", "/api/v1/auth/login", PUBLIC, 201,
            lambda r: {"email": f"{'nobody' if r == 'anonymous' else r}@example.org",
                       "password": PASSWORD, "label": "matrix"},
            special={"anonymous": 401}),  # anyone may try; only a known account gets in
        Row("GET", "/api/v1/auth/me", EVERYONE),
        Row("GET", "/api/v1/vault/records/p-1002", READERS),  # restricted
        Row("GET", "/api/v1/vault/records/p-1001", READERS),  # confidential, their own
        Row("GET", "/api/v1/vault/records/p-2001", READERS, 404),  # org-0002's, for no one here
        Row("GET", "/api/v1/vault/persons/p-1002", READERS),
        Row("GET", "/api/v1/vault/persons/p-1001", READERS),
        Row("GET", "/api/v1/vault/search?q=Seo", READERS),
        Row("GET", "/api/v1/vault/people/p-1002/merged", READERS),
        Row("GET", "/api/v1/vault/people/p-1001/merged", READERS),
        Row("POST", "/api/v1/vault/records", EDITORS, 201, lambda r: person),
        Row("PATCH", "/api/v1/vault/records/p-1009", EDITORS, 200,
            lambda r: {"birth_year": 1960 if r == "editor" else 1961}, if_match="p-1009"),
        Row("PUT", "/api/v1/vault/records/p-1008", EDITORS, 200, "current:p-1008",
            if_match="p-1008"),
        Row("PATCH", "/api/v1/vault/records/p-1001", EDITORS, 200,
            lambda r: {"birth_year": 1950}, if_match="p-1001"),
        Row("POST", "/api/v1/vault/relationships", EDITORS, 201,
            lambda r: {"type": "SUBJECTED_TO", "from": "p-1007", "to": "e-1010",
                       "sources": ["src-pub1"]}),
        Row("POST", "/api/v1/vault/persons/p-1003/consents", EDITORS, 201, lambda r: consent),
        # p-1003 has a partner-sharing consent, and now the internal ones the row above gave
        Row("POST", "/api/v1/vault/persons/p-1003/consents/withdraw", EDITORS, 200,
            lambda r: {"purpose": "partner_sharing" if r == "editor" else "internal"}),
        Row("POST", "/api/v1/vault/persons/p-1002/at-risk", EDITORS, 200,
            lambda r: {"at_risk": False}),
        Row("POST", "/api/v1/vault/persons/p-1009/review", EDITORS, 200,
            lambda r: {"status": "approved"}),
        Row("POST", "/api/v1/vault/records/loc-seoul/review", EDITORS, 200,
            lambda r: {"status": "approved"}),
        Row("POST", "/api/v1/vault/sources/src-partner/terms", EDITORS, 200,
            lambda r: {"terms": "partners"}),
        Row("GET", "/api/v1/vault/records/p-1002/explanation", EDITORS),
        Row("GET", "/api/v1/vault/withheld", EDITORS),
        Row("POST", "/api/v1/vault/publication", EDITORS),
        Row("GET", "/api/v1/vault/audit/verify", ADMINS),
        Row("GET", "/api/v1/vault/audit/entries?per_page=5", ADMINS),
        Row("GET", "/api/v1/users", ADMINS),
        Row("POST", "/api/v1/users", ADMINS, 201,
            lambda r: {"email": f"new-{r}@example.org", "role": "researcher",
                       "organization": "org-0001"}),
        Row("GET", f"/api/v1/users/{users['editor'].uid}", ADMINS),
        Row("POST", f"/api/v1/users/{managed['invited']}/invitation", ADMINS, 201),
        Row("POST", f"/api/v1/users/{managed['spare']}/revoke", ADMINS),
        # anyone may try an invitation; a made-up one sets nothing
        Row("POST", "/api/v1/auth/invitations/accept", PUBLIC, 422,
            lambda r: {"invitation": "fpi_made-up", "password": "a long enough password"}),
        Row("GET", f"{DOCS}", READERS),
        Row("GET", f"{DOCS}/search?q=letter", READERS),
        *(Row("GET", f"{DOCS}/doc-letter-public{route}", READERS)
          for route in ("", "/file", "/public-copy", "/thumbnail", "/pages/1.png")),
        Row("POST", DOCS, EDITORS, 202, lambda r: {
            "file": (io.BytesIO(samples()["letter-partners"]), f"{r}.pdf"), "kind": "letter",
            "terms_of_use": "partners", "source": "src-pub1", "title_en": f"By the {r}",
            "about": ["p-1007"]}, multipart=True),
        Row("POST", f"{DOCS}/doc-letter-public/process", EDITORS, 409),  # processed already
        Row("POST", "/api/v1/cypher", EVERYONE, 200, lambda r: {"query": "RETURN 1 AS one"}),
        Row("POST", "/api/v1/auth/logout", EVERYONE),
    ]
    return rows


def api_endpoints(app) -> set[str]:
    """Every method and route under /api/v1 the app serves, as ``"GET /api/v1/x/<uid>"``."""
    return {f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/api/v1")
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def endpoint_of(app, row: Row) -> str:
    adapter = app.url_map.bind("localhost")
    rule, _ = adapter.match(row.path.split("?")[0], method=row.method, return_rule=True)
    return f"{row.method} {rule.rule}"


def call(api, stores, users, row: Row, role: str) -> int:
    headers = {} if role == "anonymous" else dict(users[role].headers)
    if row.path.endswith("/auth/login"):
        headers = {}  # logging in is done with a password, not a token
    reader = users["editor"].user  # of org-0001: sees every record the rows edit
    if row.if_match:
        tag = read_record(stores, reader, row.if_match, audited=False)["etag"]
        headers["If-Match"] = f'"{tag}"'
    if row.body == "current:p-1008":
        body = read_record(stores, reader, "p-1008", audited=False)["record"]
    else:
        body = row.body(role) if callable(row.body) else None
    if row.multipart:
        response = api.open(row.path, method=row.method, headers=headers, data=body,
                            content_type="multipart/form-data")
    else:
        response = api.open(row.path, method=row.method, headers=headers, json=body)
    if response.status_code in (401, 403, 404) and response.is_json:
        out = response.get_json()
        assert set(out) <= {"code", "status", "message", "errors"} and out["message"], out
        if response.status_code == 401:
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    return response.status_code


def test_every_endpoint_has_a_row(vault_app, users, accounts_to_manage):
    """The URL map and the OpenAPI document name the same operations, and each has a row."""
    served = api_endpoints(vault_app)
    covered = {endpoint_of(vault_app, row) for row in matrix(users, accounts_to_manage)}
    assert served - covered == set(), "endpoints without an expectation in the roles matrix"
    assert covered - served == set()
    spec = vault_app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {f"{method.upper()} {path}" for path, ops in spec["paths"].items()
                  for method in ops if method != "parameters"}
    as_spec = {e.replace("<string:", "{").replace(">", "}") for e in served}
    assert documented == as_spec - {"GET /api/v1/openapi.json", "GET /api/v1/docs"}


def test_roles_matrix(api, users, stores, accounts_to_manage):
    rows = matrix(users, accounts_to_manage)
    expected, actual = {}, {}
    for row in rows:
        key = f"{row.method} {row.path}"
        expected[key] = tuple(row.expected(role) for role in ROLES)
        actual[key] = tuple(call(api, stores, users, row, role) for role in ROLES)
    assert {k: v for k, v in actual.items() if v != expected[k]} == {}
    assert actual == expected


def test_x_roles_in_the_spec_match_the_matrix(vault_app, users, accounts_to_manage):
    """What the OpenAPI document says each operation needs (a token, and which roles through
    ``GRANTS``) agrees with the table."""
    spec = vault_app.test_client().get("/api/v1/openapi.json").get_json()
    for row in matrix(users, accounts_to_manage):
        method, rule = endpoint_of(vault_app, row).split(" ", 1)
        op = spec["paths"].get(rule.replace("<string:", "{").replace(">", "}"), {}).get(
            method.lower())
        if op is None:
            continue  # the spec and the docs page
        if "security" not in op:
            assert "anonymous" in row.allowed, (method, rule)
            continue
        admitted = {r for r in ROLES[1:] if granted(r) & set(op["x-roles"])}
        assert admitted == row.allowed, (method, rule)
