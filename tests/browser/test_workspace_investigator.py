"""The investigator's story in Chromium: sign in, find a confidential victim of their own
organisation by typing part of the Hangul name (suggest.js), open the vault's chain of
responsibility including them, pin them to a case board; an investigator of another
organisation then finds neither the victim nor the board. Every request goes to the
app's own origin; the investigator's main page is saved as
tests/artifacts/workspace-investigator.png.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import LiveServer, new_page, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def server(vault_app):
    with LiveServer(vault_app) as live:
        yield live


def sign_in(page, server, email: str) -> None:
    page.goto(f"{server.url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/workspace")


def test_investigator_chain_of_a_confidential_victim_and_a_private_board(chromium, server, users,
                                                                          artifacts):
    ctx, page, recorder = new_page(chromium)
    sign_in(page, server, users["investigator"].email)
    assert page.locator(".workspace-links a[href='/workspace/network']").count() == 1
    page.screenshot(path=str(artifacts / "workspace-investigator.png"), full_page=True)

    page.goto(f"{server.url}/workspace/boards")
    page.fill("#board-title", "요덕 수용소 조사")
    page.click("#new-board button[type=submit]")
    board_url = page.url
    assert "/workspace/boards/board-" in board_url

    page.goto(f"{server.url}/workspace/network")
    page.click("#chain-victim")
    page.keyboard.type("황일")
    wait_for(page, "document.querySelectorAll('#suggest-1-list li[role=option]').length > 0")
    option = page.locator("#suggest-1-list li[role=option]").first
    assert "Hwang Ilsu-none" in option.inner_text() and "Confidential" in option.inner_text()
    assert page.get_attribute("#chain-victim", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#chain-victim") == "p-1001"
    page.click("#chain-form button[type=submit]")
    page.wait_for_selector("#network-result")
    wait_for(page, "document.body.dataset.networkReady === '1'")
    nodes = page.locator("#network-nodes li")
    assert "Hwang Ilsu-none" in nodes.first.inner_text()
    assert page.locator("#network-nodes li[data-uid='body-mss']").count() == 1
    page.screenshot(path=str(artifacts / "workspace-investigator-chain.png"), full_page=True)

    form = page.locator("form.pin-form").first
    form.locator("select").select_option("p-1001")
    form.locator("input[name=note]").fill("taken from Seoul")
    form.locator("button[type=submit]").click()
    page.wait_for_url(board_url)
    pinned = page.locator("#pins li[data-uid='p-1001']")
    assert "Hwang Ilsu-none" in pinned.inner_text() and "taken from Seoul" in pinned.inner_text()
    assert recorder.foreign(server.url) == [] and recorder.errors == []
    ctx.close()

    other, page, recorder = new_page(chromium)
    sign_in(page, server, users["investigator-b"].email)
    found = page.evaluate("fetch('/workspace/suggest?q=' + encodeURIComponent('황일'))"
                          ".then(r => r.json())")
    assert found == []
    page.goto(f"{server.url}/workspace/network?tool=chain&victim=p-1001")
    assert page.locator("#network-error").count() == 1
    assert "Hwang" not in page.content()
    response = page.goto(board_url)
    assert response.status == 404 and "요덕 수용소 조사" not in page.content()
    page.goto(f"{server.url}/workspace/boards")
    assert "요덕 수용소 조사" not in page.content()
    assert recorder.foreign(server.url) == []
    other.close()
