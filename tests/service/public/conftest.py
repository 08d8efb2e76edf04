"""Fixtures for the public API tests: a published public graph shared by each test module
(tests/support/published.py)."""

from tests.support.published import (  # noqa: F401
    public_app,
    public_client,
    public_ctx,
    published_stores,
    researcher_headers,
)
