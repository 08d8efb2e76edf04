"""Fixtures for the vault API tests: a published vault, users of every role, their tokens.

The vault gets the consent-states fixture (ten people of org-0001 in every
consent state) plus a second organisation's confidential relative and internal
source (tests/service/api/data/vault_orgs.jsonl), and is published. Users:
one per role in org-0001 (``users[role]``) and one per role in org-0002
(``users[role + "-b"]``): every user belongs to an organisation, admins included.
tests/conftest.py plugs the fixtures in (``pytest_plugins``).

Passwords are hashed with argon2 at low cost here (``fast_argon2``), so that
making a dozen users per test stays quick; the hashing test uses the real
parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from graph.publication import publish_all
from loaders.importer import import_file
from service.vault import accounts
from service.vault.accounts import User
from tests.support.leaks import CONSENT_STATES

VAULT_ORGS = Path(__file__).resolve().parents[1] / "service" / "api" / "data" / "vault_orgs.jsonl"
ORG_A, ORG_B = "org-0001", "org-0002"
PASSWORD = "correct horse battery staple"
ROLES = ("researcher", "investigator", "lawyer", "editor", "admin")


@dataclass(frozen=True)
class Caller:
    name: str
    uid: str
    email: str
    role: str
    organization: str | None
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def user(self) -> User:
        return User(uid=self.uid, email=self.email, role=self.role,
                    organization=self.organization)


@pytest.fixture
def fast_argon2(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8192,
                                                            parallelism=1))


def load_vault(stores, *extra: Path) -> None:
    """The consent and second-organisation fixtures (and ``extra`` files), published."""
    db = stores.database("vault")
    for path in (CONSENT_STATES, VAULT_ORGS, *extra):
        import_file(stores.vault, path, database=db)
    publish_all(stores.vault, stores.public, db, stores.database("public"))


@pytest.fixture
def vault_app(settings, stores, vault, public, fast_argon2):
    """A fresh app on freshly loaded and published stores."""
    from service.app import create_app

    load_vault(stores)
    app = create_app(settings, stores)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def api(vault_app):
    return vault_app.test_client()


def make_user(stores, name: str, role: str, organization: str) -> Caller:
    db = stores.database("vault")
    email = f"{name}@example.org"
    row = accounts.create_user(stores.vault, db, email, role, PASSWORD, organization=organization,
                               name=name.replace("-", " ").title(), actor="operator:test")
    token = accounts.issue_token(stores.vault, db, row["uid"], "test", actor="operator:test")
    return Caller(name, row["uid"], email, role, organization, token.secret)


@pytest.fixture
def users(vault_app, stores) -> dict[str, Caller]:
    """``users[role]`` of org-0001 and ``users[role + "-b"]`` of org-0002, for every role."""
    out = {role: make_user(stores, role, role, ORG_A) for role in ROLES}
    out.update({f"{role}-b": make_user(stores, f"{role}-b", role, ORG_B) for role in ROLES})
    return out


def audit_entries(stores, action: str | None = None, subject: str | None = None) -> list[dict]:
    records, _, _ = stores.vault.execute_query(
        "MATCH (a:AuditEntry) WHERE ($action IS NULL OR a.action = $action) "
        "AND ($subject IS NULL OR a.subject = $subject) "
        "RETURN a.actor AS actor, a.action AS action, a.subject AS subject, a.details AS details "
        "ORDER BY a.seq", action=action, subject=subject, database_=stores.database("vault"))
    return [r.data() for r in records]


def public_uids(stores, label: str = "Person") -> set[str]:
    records, _, _ = stores.public.execute_query(
        "MATCH (n:$($label)) RETURN n.uid AS uid", label=label,
        database_=stores.database("public"))
    return {r["uid"] for r in records}
