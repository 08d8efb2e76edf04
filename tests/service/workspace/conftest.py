"""The workspace's tests sign in through browsers (tests/support/workspace.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.publication import publish_all
from loaders.importer import import_file
from tests.support.workspace import Browser


@pytest.fixture
def browser(vault_app):
    """A factory of fresh browsers on one app."""
    return lambda: Browser(vault_app)


CASES = Path(__file__).resolve().parent / "data" / "cases.jsonl"


@pytest.fixture
def cases(vault_app, stores):
    """The lawyers' fixture (data/cases.jsonl) added to the vault and published."""
    db = stores.database("vault")
    import_file(stores.vault, CASES, database=db)
    publish_all(stores.vault, stores.public, db, stores.database("public"))
    return CASES

