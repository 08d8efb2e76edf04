"""The lawyer's story in Chromium: sign in, open a case file, link a victim to the
proceeding, open the printable dossier and download its PDF. Every request stays on the
app's own origin; the case file's screenshot is tests/artifacts/workspace-lawyer-case-file.png.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import LiveServer, new_page
from tests.support.leaks import leaks
from tests.support.vault_api import PASSWORD
from tests.support.workspace import load_cases

pytestmark = pytest.mark.browser


@pytest.fixture
def cases(vault_app, stores):
    return load_cases(stores)


def test_lawyer_opens_a_case_file_links_a_victim_and_downloads_the_dossier(
        chromium, vault_app, users, cases, artifacts):
    lawyer = users["lawyer"]
    with LiveServer(vault_app) as live:
        ctx, page, recorder = new_page(chromium, accept_downloads=True)
        try:
            page.goto(f"{live.url}/workspace/cases/proc-case-a")
            assert "/sign-in" in page.url  # no session: to signing in first
            page.fill("#email", lawyer.email)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/workspace/cases/proc-case-a")
            assert "김하늘사건" in page.inner_text("#victims")
            assert page.locator("#facts .badge-withdrawn").count() >= 1
            assert "Cho Hidden" not in page.content()

            page.select_option("#link-type", "CONCERNS")
            page.fill("#link-target", "p-1001")
            page.fill("#link-sources", "src-case")
            page.click("#link-form button[type=submit]")
            page.wait_for_selector("#done")
            assert "Hwang Ilsu-none" in page.inner_text("#victims")
            page.screenshot(path=str(artifacts / "workspace-lawyer-case-file.png"), full_page=True)

            page.click("#open-dossier")
            page.wait_for_url("**/dossier")
            assert "김하늘사건" in page.inner_text("main")
            with page.expect_download() as info:
                page.click("#dossier-pdf")
            data = open(info.value.path(), "rb").read()
            assert data[:5] == b"%PDF-"
            found = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
            assert "김하늘사건" in found and "Hwang Ilsu-none" in found
            assert "Synthetic court filing for Kim Haneul-case" in found
            assert not leaks(found, {"p-2001": {"uid": "p-2001", "name_en": "Cho Hidden-orgb",
                                                 "name_ko": "조숨김비", "name_variants": [],
                                                 "contact": "Synthetic phone of Cho Hidden-orgb",
                                                 "notes": "Synthetic note: Cho Hidden-orgb"}})
            assert recorder.foreign(live.url) == []
            assert [e for e in recorder.errors if "favicon" not in e] == []
        finally:
            ctx.close()
