"""Fixtures for the page tests: the consent-states and explorer fixtures, published once per
module (tests/support/published.py)."""

from tests.support.published import (  # noqa: F401
    public_app,
    public_client,
    public_ctx,
    published_stores,
    researcher_headers,
)
