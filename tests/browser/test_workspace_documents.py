"""Documents in Debian's Chromium: an editor uploads a short video about a victim, choosing
its source and the victim by name (suggest.js); once processed, the video plays in the
document's page, seeking by range requests (206) to the vault's own file route; the text
search finds a letter with its page and snippet. Nothing goes to another origin, and the
Content-Security-Policy blocks nothing the pages need."""

from __future__ import annotations

import re

import pytest

from documents.process import process
from service.vault import accounts
from tests.browser.conftest import LiveServer, new_page, wait_for
from tests.browser.test_workspace_editor import sign_in
from tests.support.documents import PUBLIC_WORD, add_documents, empty_files
from tests.support.vault_api import PASSWORD, audit_entries

pytestmark = pytest.mark.browser


def choose(page, selector: str, typed: str, uid: str) -> None:
    """Type part of a name into a suggest field and choose the suggestion for ``uid``."""
    page.click(selector)
    page.type(selector, typed, delay=30)
    list_id = page.get_attribute(selector, "aria-controls")
    option = f"#{list_id} li[data-uid='{uid}']"
    page.wait_for_selector(option)
    page.click(option)
    assert page.input_value(selector) == uid


def test_an_editor_uploads_a_video_and_plays_it(vault_app, stores, chromium, artifacts):
    from documents.media import samples

    empty_files(stores)
    add_documents(stores, names=("letter-public",))
    db = stores.database("vault")
    accounts.create_user(stores.vault, db, "doc-editor@example.org", "editor", PASSWORD,
                         organization="org-0001", name="Document Editor", actor="operator:test")
    video = samples.video_mp4(2.0, title="Interview")
    with LiveServer(vault_app) as live:
        url = live.url
        ctx, page, rec = new_page(chromium)
        statuses: list[tuple[str, int]] = []
        page.on("response", lambda r: statuses.append((r.url, r.status)))
        sign_in(page, url, "doc-editor@example.org", PASSWORD, None, set())
        page.goto(f"{url}/workspace/documents")
        page.click("#upload-link")
        page.wait_for_selector("#upload-form")
        page.set_input_files("#d-file", files=[{"name": "interview.mp4", "mimeType": "video/mp4",
                                                "buffer": video}])
        page.fill("#d-title_en", "Interview about Nam Gyeongho")
        page.select_option("#d-kind", "video")
        page.select_option("#d-language", "ko")
        page.select_option("#d-terms_of_use", "partners")
        choose(page, "#d-source", "Synthetic public", "src-pub1")
        choose(page, "#d-about-1", "Nam", "p-1007")
        page.screenshot(path=str(artifacts / "workspace-document-upload.png"), full_page=True)
        page.click("#upload")
        page.wait_for_selector("#document-heading")
        uid = re.search(r"/workspace/documents/([^/?]+)", page.url).group(1)
        assert page.is_visible("#process-now")

        assert process(stores, uid, ocr=False) == "done"  # the worker's job, done here
        page.goto(f"{url}/workspace/documents/{uid}")
        page.wait_for_selector("#viewer-video")
        wait_for(page, "document.getElementById('viewer-video').readyState >= 1")
        duration = page.evaluate("document.getElementById('viewer-video').duration")
        assert 1.5 < duration < 2.5
        page.evaluate("(() => { const v = document.getElementById('viewer-video');"
                      " v.muted = true; v.currentTime = 1.2; })()")
        wait_for(page, "(() => { const v = document.getElementById('viewer-video');"
                       " return !v.seeking && v.currentTime > 1 && v.readyState >= 2; })()")
        file_url = f"{url}/workspace/documents/{uid}/file"
        assert (file_url, 206) in statuses, [s for s in statuses if "/file" in s[0]]
        assert page.inner_text("#document-about").strip().startswith("Nam Gyeongho")
        page.screenshot(path=str(artifacts / "workspace-document-video.png"), full_page=True)

        page.goto(f"{url}/workspace/documents?q={PUBLIC_WORD}")
        page.wait_for_selector("#documents li[data-uid='doc-letter-public'] .snippet mark")
        assert PUBLIC_WORD in page.inner_text("#documents .snippet mark")
        page.click("#documents li[data-uid='doc-letter-public'] a")
        page.wait_for_selector("#viewer-page")
        wait_for(page, "document.getElementById('viewer-page').naturalWidth > 0")
        assert rec.foreign(url) == [] and rec.errors == [], rec.errors
        ctx.close()
    # every fetch of the (non-public) video's file was a custody entry
    downloads = audit_entries(stores, "document.download", uid)
    assert downloads and all(e["actor"] == "doc-editor@example.org" for e in downloads)
