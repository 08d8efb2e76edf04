"""The interactive API docs (/api/v1/docs) in Chromium under the site's
Content-Security-Policy: Swagger UI starts from its vendored files, lists the
operations and expands one, with no CSP violation, no error and no request elsewhere."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LiveServer, new_page, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(stores, settings):
    from service.app import create_app

    with LiveServer(create_app(settings)) as live:
        yield live


def test_swagger_ui_renders_under_the_policy(server, chromium, artifacts):
    ctx, page, recorder = new_page(chromium)
    try:
        response = page.goto(server.url + "/api/v1/docs")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        count = wait_for(page, "document.querySelectorAll('.opblock').length")
        assert count > 30
        page.click("[data-path='/api/v1/cypher']")
        wait_for(page, "document.querySelector('.opblock.is-open .opblock-body') !== null")
        page.screenshot(path=str(artifacts / "api-docs.png"))
        assert recorder.errors == []
        assert recorder.foreign(server.url) == []
    finally:
        ctx.close()
