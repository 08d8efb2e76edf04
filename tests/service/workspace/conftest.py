"""The workspace's tests sign in through browsers (tests/support/workspace.py)."""

from __future__ import annotations

import pytest

from tests.support.workspace import Browser, load_cases


@pytest.fixture
def browser(vault_app):
    """A factory of fresh browsers on one app."""
    return lambda: Browser(vault_app)


@pytest.fixture
def cases(vault_app, stores):
    """The lawyers' fixture (data/cases.jsonl) added to the vault and published."""
    return load_cases(stores)

