"""The researcher's story in Chromium: a request for console access from the researchers'
page, an admin (signing in with a second factor) approves it, the researcher sets their
password from the invitation link, signs in, and runs console queries from the signed-in
page — a table, a graph and a CSV download, with no token pasted anywhere. Every request
stays on the app's origin; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re

import pyotp
import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = pytest.mark.browser
ADMIN = "story.admin@example.org"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    from argon2 import PasswordHasher

    from service.app import create_app
    from service.vault import accounts
    from service.workspace import twofactor

    publish_synthetic(stores, tmp_path_factory.mktemp("researcher"), 80)
    db = stores.database("vault")
    org = stores.vault.execute_query("MATCH (o:Organization) RETURN o.uid AS uid ORDER BY uid "
                                     "LIMIT 1", database_=db).records[0]["uid"]
    slow, accounts._HASHER = accounts._HASHER, PasswordHasher(time_cost=1, memory_cost=8192,
                                                              parallelism=1)
    try:
        admin = accounts.create_user(stores.vault, db, ADMIN, "admin", PASSWORD,
                                     organization=org, actor="operator:test")
    finally:
        accounts._HASHER = slow
    secret = twofactor.new_secret()
    twofactor.enable(stores.vault, db, admin["uid"], secret, None, actor="operator:test")
    with LiveServer(create_app(settings)) as live:
        live.totp = secret
        yield live


def test_request_approval_and_a_signed_in_console(server, chromium, artifacts):
    origin = server.url
    visitor, page, seen = new_page(chromium)
    page.goto(f"{origin}/researchers/request-access")
    page.fill("#name", "Han Ji-won")
    page.fill("#email", "han@university.example")
    page.fill("#affiliation", "University of Somewhere")
    page.fill("#purpose", "Enforced disappearance after 1990 / 1990년 이후 강제실종")
    page.click("button[type=submit]")
    assert page.locator("#request-sent").is_visible()
    visitor.close()

    admin_ctx, admin, admin_seen = new_page(chromium)
    admin.goto(f"{origin}/sign-in")
    admin.fill("#email", ADMIN)
    admin.fill("#password", PASSWORD)
    admin.click("form.stacked-form button[type=submit]")
    admin.wait_for_url(re.compile(r".*/sign-in/code.*"))
    admin.fill("#code", pyotp.TOTP(server.totp).now())
    admin.click("form.stacked-form button[type=submit]")
    admin.wait_for_url(re.compile(r".*/workspace$"))
    admin.goto(f"{origin}/workspace/admin/users")
    card = admin.locator("#access-requests li", has_text="han@university.example")
    assert "1990년 이후 강제실종" in card.inner_text()
    admin.screenshot(path=str(artifacts / "workspace-admin-accounts.png"), full_page=True)
    card.locator("button[value=approve]").click()
    link = admin.locator("#invitation code").inner_text()
    admin_ctx.close()

    ctx, researcher, recorder = new_page(chromium)
    researcher.goto(link)
    researcher.fill("#password", "a passphrase of my own")
    researcher.fill("#password_again", "a passphrase of my own")
    researcher.click("form.stacked-form button[type=submit]")
    researcher.wait_for_url(re.compile(r".*/sign-in\?message=password-set"))
    researcher.fill("#email", "han@university.example")
    researcher.fill("#password", "a passphrase of my own")
    researcher.click("form.stacked-form button[type=submit]")
    researcher.wait_for_url(re.compile(r".*/workspace$"))
    researcher.click(".workspace-links a[href='/workspace/console']")
    researcher.wait_for_url(re.compile(r".*/workspace/console$"))
    researcher.fill("#query", "MATCH (v:Victim)-[r:TAKEN_FROM]->(l:Location) RETURN v, r, l LIMIT 5")
    researcher.click("#run")
    researcher.wait_for_selector("#console-table tbody tr")
    assert researcher.locator("#console-table tbody tr").count() == 5
    wait_for(researcher, "document.querySelector('#console-graph canvas') !== null")
    researcher.screenshot(path=str(artifacts / "workspace-researcher-console.png"), full_page=True)
    with researcher.expect_download() as download:
        researcher.click("#download-csv")
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[0] == "v,r,l" and len(text.splitlines()) == 6
    history = researcher.locator("#query-history").inner_text()
    assert "TAKEN_FROM" in history
    assert not researcher.evaluate("Object.keys(window.sessionStorage).length")
    for rec in (seen, admin_seen, recorder):
        assert rec.foreign(origin) == []
    assert recorder.errors == []
    ctx.close()
