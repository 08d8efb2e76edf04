"""The editor's story in Debian's Chromium: an admin invites an editor; the editor redeems
the invitation, signs in with TOTP, creates a victim with a Hangul name, links them to an
event and a perpetrator body with a source, records publication consent, finds the
record in the review queue, previews, approves and publishes; an anonymous visitor finds
the person on the public site; the editor withdraws consent and the visitor's reload no
longer finds them; the audit log verifies."""

from __future__ import annotations

import re

import pyotp
import pytest

from graph import audit
from service.vault import accounts
from tests.browser.conftest import LiveServer, new_page
from tests.support.vault_api import PASSWORD

pytestmark = pytest.mark.browser
NAME_KO, NAME_EN = "박순녀", "Park Sun-nyeo"


def code_after(secret: str, used: set[str]) -> str:
    """A TOTP code not used yet (a code is refused twice: wait for the next step)."""
    import time

    totp = pyotp.TOTP(secret)
    while (code := totp.now()) in used:
        time.sleep(1)
    used.add(code)
    return code


def sign_in(page, url: str, email: str, password: str, secret: str | None, used: set[str]) -> str:
    page.goto(f"{url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form button[type=submit]")
    if secret is None:  # first sign-in of a role that must enrol a second factor
        page.wait_for_selector("#totp-secret")
        secret = page.inner_text("#totp-secret").strip()
        page.fill("#code", code_after(secret, used))
        page.click("form.stacked-form button[type=submit]")
        page.wait_for_selector("#recovery-codes, h1")
    else:
        page.wait_for_selector("#code")
        page.fill("#code", code_after(secret, used))
        page.click("form button[type=submit]")
    page.goto(f"{url}/workspace")
    page.wait_for_selector(".workspace-links")
    return secret


def test_editor_story(vault_app, stores, chromium, artifacts):
    db = stores.database("vault")
    accounts.create_user(stores.vault, db, "story-admin@example.org", "admin", PASSWORD,
                         organization="org-0001", name="Story Admin", actor="operator:test")
    used: set[str] = set()
    with LiveServer(vault_app) as live:
        url = live.url
        ctx, page, rec = new_page(chromium)
        sign_in(page, url, "story-admin@example.org", PASSWORD, None, used)
        page.goto(f"{url}/workspace/admin/users")
        page.fill("#invite-email", "story-editor@example.org")
        page.fill("#invite-name", "Story Editor")
        page.select_option("#invite-role", "editor")
        page.click("#invite-heading + form button[type=submit]")
        link = page.inner_text("#invitation code").strip()
        ctx.close()

        ctx, page, rec = new_page(chromium)
        page.goto(link.replace("http://localhost", url))
        page.fill("#password", "a long editor passphrase")
        page.fill("#password_again", "a long editor passphrase")
        page.click("form button[type=submit]")
        sign_in(page, url, "story-editor@example.org", "a long editor passphrase", None, used)

        # A victim with a Hangul name, its romanisation suggested.
        page.goto(f"{url}/workspace/edit/new/Person")
        page.check("input[name=roles][value=Victim]")
        page.fill("#f-name_ko", NAME_KO)
        page.click("#suggest-romanisation")
        page.wait_for_selector("#romanisations")
        assert page.input_value("#f-name_en")  # the usual spelling filled in
        page.fill("#f-name_en", NAME_EN)
        page.select_option("#f-status", "missing")
        page.click("button[name=action][value=save]")
        page.wait_for_selector("#done")
        uid = re.search(r"/workspace/edit/([^/?#]+)", page.url).group(1)

        # Linked to an event and (through the event) a perpetrator body, with a source.
        for relationship, target in (("in:SUPPORTS", "src-pub1"),
                                     ("out:SUBJECTED_TO", "e-1010")):
            page.goto(f"{url}/workspace/edit/{uid}/relationships/new")
            page.select_option("#r-relationship", relationship)
            page.fill("#r-target", target)
            if relationship != "in:SUPPORTS":
                page.fill("#r-sources", "src-pub1")
            page.click("form.record-form button[type=submit]")
            page.wait_for_selector("#done")
        page.goto(f"{url}/workspace/edit/e-1010/relationships/new")
        page.select_option("#r-relationship", "out:PERPETRATED_BY")
        page.fill("#r-target", "body-mss")
        page.fill("#r-sources", "src-pub1")
        page.click("form.record-form button[type=submit]")
        page.wait_for_selector("#done")

        # Publication consent on the person's page.
        page.goto(f"{url}/workspace/edit/{uid}")
        page.select_option("#c-purpose", "publication")
        page.fill("#c-obtained_by", "Field worker")
        page.fill("#c-given_on", "2024-05-01")
        page.click("#record-consent")
        page.wait_for_selector("#consents")

        # The review queue, the preview, approval and publication.
        page.goto(f"{url}/workspace/review")
        page.wait_for_selector(f'#review-queue tr[data-uid="{uid}"]')
        page.screenshot(path=str(artifacts / "workspace-editor-review-queue.png"), full_page=True)
        page.click(f'#review-queue tr[data-uid="{uid}"] a')
        page.wait_for_selector("#preview-fields")
        assert NAME_KO in page.inner_text("#preview-fields")
        assert "contact" not in page.inner_text("#preview-fields")
        page.click("#approve")
        page.wait_for_selector("#done")
        page.click("#publish")
        page.wait_for_selector("#done")
        assert rec.foreign(url) == [] and not rec.errors, (rec.foreign(url), rec.errors)

        # An anonymous visitor finds the person on the public site.
        vctx, visitor, vrec = new_page(chromium)
        visitor.goto(f"{url}/search?q={NAME_EN}")
        assert uid in visitor.content()  # a result links to the person (the box echoes the name)
        visitor.goto(f"{url}/entity/{uid}")
        assert NAME_KO in visitor.content()
        visitor.goto(f"{url}/search?q={NAME_EN}")

        # The editor withdraws consent; the visitor's reload no longer finds them.
        page.goto(f"{url}/workspace/edit/{uid}")
        page.click("#consents button.withdraw")
        page.wait_for_selector("#done")
        visitor.reload()
        assert uid not in visitor.content() and NAME_KO not in visitor.content()
        response = visitor.goto(f"{url}/entity/{uid}")
        assert response.status == 404 and NAME_KO not in visitor.content()
        assert vrec.foreign(url) == []
        vctx.close()
        ctx.close()
    assert audit.verify(stores.vault, db).ok
