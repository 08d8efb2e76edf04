"""Fixtures for the public API tests: a published public graph shared by each test module
(tests/support/published.py); for the vault API tests, a freshly loaded vault per test with
users of every role (tests/support/vault_api.py)."""

from tests.support.published import (  # noqa: F401
    editor_headers,
    public_app,
    public_client,
    public_ctx,
    published_stores,
    researcher_headers,
)
from tests.support.vault_api import api, fast_argon2, users, vault_app  # noqa: F401
