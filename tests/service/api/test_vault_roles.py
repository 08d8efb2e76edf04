"""The roles matrix: each role (and anonymous) against each authenticated endpoint.

One table says who may do what; the test calls every endpoint as every role and compares
the whole table of statuses at once, so a failure shows every cell that differs. Calls
that change data are written so that both permitted roles (editor, then admin) succeed
in turn; logging out comes last, since it revokes the caller's token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from service.vault_reads import read_record

ROLES = ("anonymous", "researcher", "investigator", "lawyer", "editor", "admin")
EVERYONE = frozenset(ROLES[1:])
READERS = frozenset({"investigator", "lawyer", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    allowed: frozenset[str]
    ok: int = 200
    body: Callable[[str], object] | None = None
    if_match: str | None = None  # uid whose current ETag goes into If-Match
    extra: dict = field(default_factory=dict)


def matrix(users) -> list[Row]:
    admin_user = users["admin"].user
    person = {"record": "Person", "roles": ["Victim"], "name_en": "Synthetic Matrix"}
    consent = {"purpose": "internal", "given_on": "2024-01-01", "obtained_by": "Synthetic"}
    # p-1003 has a partner-sharing consent, and gets two internal ones from the row above it
    withdraw = {"editor": {"purpose": "partner_sharing"}, "admin": {"purpose": "internal"}}
    rows = [
        Row("GET", "/api/v1/auth/me", EVERYONE),
        Row("GET", "/api/v1/vault/records/p-1002", READERS),
        Row("GET", "/api/v1/vault/records/p-1001", READERS),  # confidential, own organisation
        Row("GET", "/api/v1/vault/persons/p-1002", READERS),
        Row("GET", "/api/v1/vault/search?q=Seo", READERS),
        Row("POST", "/api/v1/vault/records", EDITORS, 201, lambda r: person),
        Row("PATCH", "/api/v1/vault/records/p-1009", EDITORS, 200,
            lambda r: {"birth_year": 1960 if r == "editor" else 1961}, if_match="p-1009"),
        Row("PUT", "/api/v1/vault/records/p-1008", EDITORS, 200, "current:p-1008",
            if_match="p-1008"),
        Row("POST", "/api/v1/vault/relationships", EDITORS, 201,
            lambda r: {"type": "SUBJECTED_TO", "from": "p-1007", "to": "e-1010",
                       "sources": ["src-pub1"]}),
        Row("POST", "/api/v1/vault/persons/p-1003/consents", EDITORS, 201, lambda r: consent),
        Row("POST", "/api/v1/vault/persons/p-1003/consents/withdraw", EDITORS, 200,
            lambda r: withdraw.get(r, {})),
        Row("POST", "/api/v1/vault/persons/p-1002/at-risk", EDITORS, 200,
            lambda r: {"at_risk": False}),
        Row("POST", "/api/v1/vault/persons/p-1009/review", EDITORS, 200,
            lambda r: {"status": "approved"}),
        Row("POST", "/api/v1/vault/sources/src-partner/terms", EDITORS, 200,
            lambda r: {"terms": "partners"}),
        Row("GET", "/api/v1/vault/records/p-1002/explanation", EDITORS),
        Row("POST", "/api/v1/vault/publication", EDITORS),
        Row("GET", "/api/v1/users", ADMINS),
        Row("POST", "/api/v1/users", ADMINS, 201,
            lambda r: {"email": f"new-{r}@example.org", "password": "a long enough password",
                       "role": "researcher", "organization": "org-0001"}),
        Row("GET", f"/api/v1/users/{users['editor-b'].uid}", ADMINS),
        Row("POST", f"/api/v1/users/{users['investigator-b'].uid}/tokens", ADMINS, 201,
            lambda r: {"label": "matrix"}),
        Row("POST", f"/api/v1/users/{users['lawyer-b'].uid}/revoke", ADMINS),
        Row("POST", "/api/v1/cypher", EVERYONE, 200, lambda r: {"query": "RETURN 1 AS one"}),
        Row("POST", "/api/v1/auth/logout", EVERYONE),
    ]
    assert admin_user.role == "admin"
    return rows


def call(api, stores, users, row: Row, role: str) -> int:
    headers = {} if role == "anonymous" else dict(users[role].headers)
    admin = users["admin"].user
    if row.if_match:
        headers["If-Match"] = f'"{read_record(stores, admin, row.if_match, audited=False)["etag"]}"'
    if row.body == "current:p-1008":
        body = read_record(stores, admin, "p-1008", audited=False)["record"]
    else:
        body = row.body(role) if row.body else None
    response = api.open(row.path, method=row.method, headers=headers, json=body)
    if response.status_code in (401, 403):
        out = response.get_json()
        assert set(out) <= {"code", "status", "message", "errors"} and out["message"], out
        if response.status_code == 401:
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    return response.status_code


def test_roles_matrix(api, users, stores):
    rows = matrix(users)
    expected, actual = {}, {}
    for row in rows:
        key = f"{row.method} {row.path}"
        expected[key] = tuple(row.ok if role in row.allowed else 401 if role == "anonymous"
                              else 403 for role in ROLES)
        actual[key] = tuple(call(api, stores, users, row, role) for role in ROLES)
    assert actual == expected


def test_login_needs_no_role(api, users):
    """The one endpoint open to anonymous callers (it is rate-limited instead)."""
    response = api.post("/api/v1/auth/login", json={"email": users["researcher"].email,
                                                    "password": "correct horse battery staple"})
    assert response.status_code == 201
