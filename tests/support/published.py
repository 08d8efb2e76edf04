"""A published public graph shared by the tests of one module (publishing is the
slow part; the tests that use it only read).

The vault gets the consent-states fixture (eight people who must never be
public) and the explorer fixture (public victims with Hangul and romanised
names, events, a chain of command, places, proceedings) and a public North Korean
law that one proceeding invokes (tests/support/data/resources.jsonl); then the
whole vault is published. tests/conftest.py plugs the fixtures in (``pytest_plugins``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.publication import publish_stores
from loaders.importer import import_file
from tests.support.documents import add_documents, empty_files
from tests.support.leaks import CONSENT_STATES
from tests.support.stores import wipe

EXPLORER = Path(__file__).resolve().parents[1] / "service" / "data" / "explorer.jsonl"
RESOURCES = Path(__file__).resolve().parent / "data" / "resources.jsonl"


def publish_fixtures(stores, *paths: Path) -> None:
    for name in ("vault", "public"):
        wipe(stores, name)
    empty_files(stores)
    for path in paths or (CONSENT_STATES, EXPLORER, RESOURCES):
        import_file(stores.vault, path, database=stores.database("vault"))
    if not paths:  # the documents of tests/support/documents.py: two public, three never
        add_documents(stores)
    publish_stores(stores)


@pytest.fixture(scope="module")
def published_stores(stores):
    """Both fixtures imported and published; the stores, read-only for the module's tests."""
    publish_fixtures(stores)
    return stores


@pytest.fixture(scope="module")
def public_app(settings, published_stores):
    from service.app import create_app

    app = create_app(settings, published_stores)
    app.config["TESTING"] = True
    app.config["RATELIMITS"] = {"cypher": "100000/minute"}  # the attack list is long
    return app


@pytest.fixture
def public_client(public_app):
    return public_app.test_client()


@pytest.fixture
def public_ctx(public_app):
    """An app context, for calling service.public functions directly."""
    with public_app.app_context():
        yield public_app


def account_headers(stores, email: str, role: str, organization: str) -> dict[str, str]:
    """A bearer token of a new account (passwords hashed at low cost: it is a fixture)."""
    from argon2 import PasswordHasher

    from service.vault import accounts

    db = stores.database("vault")
    fast, accounts._HASHER = accounts._HASHER, PasswordHasher(time_cost=1, memory_cost=8192,
                                                              parallelism=1)
    try:
        user = accounts.create_user(stores.vault, db, email, role,
                                    "correct horse battery staple", organization=organization,
                                    actor="operator:test")
    finally:
        accounts._HASHER = fast
    token = accounts.issue_token(stores.vault, db, user["uid"], "test", actor="operator:test")
    return {"Authorization": f"Bearer {token.secret}"}


@pytest.fixture(scope="module")
def researcher_headers(published_stores) -> dict[str, str]:
    """A bearer token of a researcher (an account in the vault, as the console requires)."""
    return account_headers(published_stores, "researcher@example.org", "researcher", "org-x1")


@pytest.fixture(scope="module")
def editor_headers(published_stores) -> dict[str, str]:
    """A bearer token of an editor of org-0001, the organisation that owns the consent
    fixture's people: the broadest rights short of an admin's (editors hold the
    investigator's, lawyer's and researcher's too), and the organisation's confidential
    records in view."""
    return account_headers(published_stores, "editor@example.org", "editor", "org-0001")
