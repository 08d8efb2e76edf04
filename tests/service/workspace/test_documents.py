"""Documents in the workspace: the upload form, a document's page and viewer, the list with
its text search and filters, documents on a record's page, "process now", the review queue,
and the organisation walls on every page and file.

The vault holds the consent fixture, the second organisation's records and org-0001's five
documents (tests/support/documents.py).
"""

from __future__ import annotations

import io
import re

import pytest

from documents.process import process
from graph import queries
from tests.support.documents import HIDDEN, PUBLIC_WORD, add_documents, empty_files, samples
from tests.support.vault_api import audit_entries
from tests.support.workspace import counts, signed_in

NEW = "/workspace/documents/new"


@pytest.fixture
def docs(vault_app, stores) -> dict[str, str]:
    empty_files(stores)
    return add_documents(stores)


def form(**fields) -> dict:
    data = {"file": (io.BytesIO(samples()["letter-public"]), "letter.pdf"), "kind": "letter",
            "terms_of_use": "public", "source": "src-pub1", "title_en": "A synthetic letter",
            "about": ["p-1007", ""], **fields}
    return {k: v for k, v in data.items() if v is not None}


def uid_of(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    found = re.search(r"/workspace/documents/([^/?]+)\?done=uploaded$", response.headers["Location"])
    assert found, response.headers["Location"]
    return found.group(1)


def text(response) -> str:
    return response.get_data(as_text=True)


def test_an_editor_uploads_a_letter_and_reads_it(browser, users, stores, docs):
    b = signed_in(browser, users["editor"])
    page = text(b.get(NEW))
    assert 'enctype="multipart/form-data"' in page and 'name="csrf_token"' in page
    assert 'data-suggest="Source"' in page and page.count('name="about"') == 3
    assert "js/suggest.js" in page
    uid = uid_of(b.post(NEW, form(title_ko="형님께", date="1999-05-01", language="ko")))
    [entry] = audit_entries(stores, "document.ingest", uid)
    assert entry["actor"] == users["editor"].email
    shown = b.get(f"/workspace/documents/{uid}?done=uploaded")
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    page = text(shown)
    assert 'id="done"' in page and 'id="process-now"' in page  # waiting: an editor may push it
    assert "Waiting to be processed" in page and "badge-pending_review" in page

    assert process(stores, uid, ocr=False) == "done"
    page = text(b.get(f"/workspace/documents/{uid}"))
    assert 'id="process-now"' not in page and "Processed" in page
    assert f'/workspace/documents/{uid}/pages/1.png' in page and PUBLIC_WORD in page
    assert 'data-uid="p-1007"' in page and 'id="document-source"' in page
    assert "badge-pending_review" in page and 'id="reasons"' in page
    assert users["editor"].email in page  # who uploaded it: their own organisation's
    image = b.client.get(f"/workspace/documents/{uid}/pages/1.png", base_url="https://localhost")
    assert image.status_code == 200 and image.data[:8] == b"\x89PNG\r\n\x1a\n"
    original = b.client.get(f"/workspace/documents/{uid}/file", base_url="https://localhost",
                            headers={"Range": "bytes=0-4"})
    assert original.status_code == 206 and original.data == b"%PDF-"
    assert original.headers["Cache-Control"] == "no-store"
    actions = [e["action"] for e in audit_entries(stores, subject=uid)
               if e["actor"] == users["editor"].email]
    assert actions == ["document.ingest", "document.view", "document.view", "document.view",
                       "document.download"]


def test_a_photo_is_shown_as_an_image_and_its_page_in_korean(browser, users, docs):
    b = signed_in(browser, users["lawyer"])
    page = text(b.get(f"/workspace/documents/{docs['photo-public']}?lang=ko"))
    assert f'src="/workspace/documents/{docs["photo-public"]}/file"' in page
    assert "문서" in page and "badge-public" in page
    assert 'id="process-now"' not in page  # a lawyer uploads nothing and processes nothing


@pytest.mark.parametrize("fields, field", [
    ({"kind": None}, "kind"),
    ({"kind": "poem"}, "kind"),
    ({"source": ""}, "source"),
    ({"source": "src-orgb"}, "source"),  # another organisation's, confidential
    ({"about": ["p-2001"]}, "about"),
    ({"title_en": None}, "title_en"),
    ({"date": "not a date"}, "date"),
    ({"file": None}, "file"),
    ({"file": (io.BytesIO(b"\x7fELF\x02\x01\x01" + b"\0" * 64), "tool.pdf")}, "file"),
    ({"file": (io.BytesIO(b"<html><script>alert(1)</script></html>"), "page.txt")}, "file"),
    ({"title_en": "x" * 3000}, "title_en"),
])
def test_bad_uploads_show_the_field_and_keep_nothing(browser, users, stores, docs, fields,
                                                     field):
    b = signed_in(browser, users["editor"])
    b.get(NEW)
    before = (counts(stores), sorted(stores.files.originals.hashes()))
    response = b.post(NEW, form(**fields))
    assert response.status_code == 422, (fields, response.status_code)
    page = text(response)
    assert 'id="form-errors"' in page and f'id="error-{field}"' in page
    assert (counts(stores), sorted(stores.files.originals.hashes())) == before


def test_what_an_upload_form_is_sent_back_with_is_escaped(browser, users, stores, docs):
    b = signed_in(browser, users["editor"])
    b.get(NEW)
    response = b.post(NEW, form(kind=None, title_en="<script>alert('x')</script>",
                                about=["MATCH (n) DETACH DELETE n"]))
    page = text(response)
    assert response.status_code == 422 and "<script>alert" not in page
    assert "&lt;script&gt;alert" in page and "MATCH (n) DETACH DELETE n" in page


def test_a_file_over_the_limit_is_refused_with_the_limit(browser, users, stores, docs,
                                                         monkeypatch):
    from dataclasses import replace

    b = signed_in(browser, users["editor"])
    b.get(NEW)
    small = replace(stores.settings, files=replace(stores.settings.files, max_upload=4096))
    monkeypatch.setattr(stores, "settings", small)
    before = (counts(stores), sorted(stores.files.originals.hashes()))
    stopped = b.post(NEW, form())  # over the limit: the store stops it
    assert stopped.status_code == 413 and 'id="error-file"' in text(stopped)
    refused = b.post(NEW, form(file=(io.BytesIO(b"\0" * (3 << 20)), "big.pdf")))
    assert refused.status_code == 413 and "4,096" in text(refused)  # the body was not read
    assert (counts(stores), sorted(stores.files.originals.hashes())) == before


def test_process_now_puts_a_failed_document_back_in_the_queue(browser, users, stores, docs):
    b = signed_in(browser, users["editor"])
    b.get(NEW)
    uid = uid_of(b.post(NEW, form(kind="photo", language="none", file=(
        io.BytesIO(b"\xff\xd8\xff\xe0" + b"\0" * 2000), "broken.jpg"))))
    assert process(stores, uid, ocr=False) == "failed"
    page = text(b.get(f"/workspace/documents/{uid}"))
    assert 'id="processing-error"' in page and 'id="process-now"' in page
    response = b.post(f"/workspace/documents/{uid}/process")
    assert response.status_code == 303 and response.headers["Location"].endswith("done=queued")
    assert [e["actor"] for e in audit_entries(stores, "document.requeue", uid)] == [
        users["editor"].email]
    page = text(b.get(f"/workspace/documents/{uid}"))
    assert "Waiting to be processed" in page and 'id="processing-error"' not in page
    # another organisation's editor: not there
    other = signed_in(browser, users["editor-b"])
    other.get("/workspace/documents")
    assert other.post(f"/workspace/documents/{uid}/process").status_code == 404
    assert other.post(f"/workspace/documents/{docs['letter-partners']}/process",
                      ).status_code == 403


def test_the_list_searches_text_and_filters(browser, users, docs):
    b = signed_in(browser, users["investigator"])
    page = text(b.get(f"/workspace/documents?q={PUBLIC_WORD}"))
    assert f'data-uid="{docs["letter-public"]}"' in page and f"<mark>{PUBLIC_WORD}</mark>" in page
    assert "Page 1" in page and f"/workspace/documents/{docs['letter-public']}?page=1" in page
    photos = text(b.get("/workspace/documents?kind=photo"))
    assert f'data-uid="{docs["photo-public"]}"' in photos
    assert f'data-uid="{docs["letter-public"]}"' not in photos
    hidden = text(b.get("/workspace/documents?visibility=confidential"))
    assert {f'data-uid="{docs[n]}"' in hidden for n in ("letter-names-hidden",
                                                          "photo-about-hidden")} == {True}
    assert f'data-uid="{docs["letter-public"]}"' not in hidden
    assert 'src="/workspace/documents/doc-photo-public/thumbnail"' in text(b.get(
        "/workspace/documents"))
    bad = b.get("/workspace/documents?kind=poem")
    assert bad.status_code == 400 and 'id="documents-error"' in text(bad)
    assert 'id="upload-link"' not in page  # investigators upload nothing


def test_another_organisation_sees_nothing_of_a_confidential_document(browser, users, docs):
    b = signed_in(browser, users["investigator-b"])
    listed = text(b.get("/workspace/documents"))
    searched = text(b.get(f"/workspace/documents?q={HIDDEN['name_en']}"))
    record = text(b.get("/workspace/records/p-1007"))  # public; A's letters are about them
    for page in (listed, searched, record):
        assert docs["letter-names-hidden"] not in page and docs["photo-about-hidden"] not in page
        assert HIDDEN["name_en"] not in page.replace(f"q={HIDDEN['name_en']}", "") \
            .replace(f'value="{HIDDEN["name_en"]}"', "")
    assert docs["letter-partners"] in listed and docs["letter-public"] in record
    for name in ("letter-names-hidden", "photo-about-hidden"):
        for route in ("", "/file", "/public-copy", "/thumbnail", "/pages/1.png"):
            response = b.client.get(f"/workspace/documents/{docs[name]}{route}",
                                    base_url="https://localhost")
            assert response.status_code == 404, (name, route)
            assert HIDDEN["name_en"] not in response.get_data().decode("utf-8", "replace")


def test_a_persons_page_lists_their_documents_with_thumbnails(browser, users, stores, docs):
    b = signed_in(browser, users["investigator"])
    page = text(b.get("/workspace/records/p-1007"))
    assert 'id="record-documents"' in page
    for name in ("letter-public", "letter-names-hidden", "letter-partners"):
        assert f'href="/workspace/documents/{docs[name]}"' in page, name
        assert f'src="/workspace/documents/{docs[name]}/thumbnail"' in page, name
    assert docs["photo-public"] not in page  # about another person
    # the confidential letter's title was read: audited with the rest of the page
    reads = audit_entries(stores, "vault.read", docs["letter-names-hidden"])
    assert [e["actor"] for e in reads] == [users["investigator"].email]
    doc_page = text(b.get(f"/workspace/records/{docs['letter-public']}"))
    assert 'id="open-document"' in doc_page


def test_the_review_queue_lists_a_document_and_approving_publishes_it(browser, users, stores,
                                                                     docs, vault_app):
    b = signed_in(browser, users["editor"])
    b.get(NEW)
    words = "kept for partners only"  # another letter's file, under public terms here
    uid = uid_of(b.post(NEW, form(file=(io.BytesIO(samples()["letter-partners"]), "l.pdf"))))
    assert process(stores, uid, ocr=False) == "done"
    queue = text(b.get("/workspace/review"))
    assert f'data-uid="{uid}"' in queue and "A synthetic letter" in queue
    preview = text(b.get(f"/workspace/review/{uid}"))
    assert 'data-field="text_pages"' in preview and words in preview
    assert 'data-field="sha256"' not in preview  # the original's hash is never public
    assert f"/workspace/documents/{uid}/public-copy" in preview and 'id="approve"' in preview
    approved = b.post(f"/workspace/review/{uid}", {"decision": "approve"})
    assert approved.status_code == 303, text(approved)[:500]
    [entry] = audit_entries(stores, "record.review", uid)
    assert '"Document"' in entry["details"] and entry["actor"] == users["editor"].email
    rows = queries.run(stores.public, "public/match_public_file",
                       database=stores.database("public"),
                       sha256=stores.vault.execute_query(
                           "MATCH (d:Document {uid: $uid}) RETURN d.public_sha256 AS s", uid=uid,
                           database_=stores.database("vault")).records[0]["s"])
    assert [r["uid"] for r in rows] == [uid]  # published, its public copy with it
    public = vault_app.test_client().get(f"/documents/{uid}")
    assert public.status_code == 200 and words in text(public)
    page = text(b.get(f"/workspace/documents/{uid}"))
    assert "badge-public" in page


def test_vault_records_list_their_organisations_documents_by_title(browser, users, docs):
    """The records browser finds a document's owner in ``submitted_by`` (as the walls do) and
    names it by its title: an organisation's own confidential document is listed."""
    b = signed_in(browser, users["investigator"])
    page = text(b.get("/workspace/records"))  # by uid: the documents are on the first page
    for name in ("letter-names-hidden", "photo-about-hidden", "letter-public"):
        assert f'data-uid="{docs[name]}"' in page, name
        assert f"Test {name}" in page, name
    other = text(signed_in(browser, users["investigator-b"]).get("/workspace/records"))
    assert docs["letter-names-hidden"] not in other and docs["letter-partners"] in other


def test_every_page_with_a_name_field_loads_the_suggestions(browser, users, docs):
    b = signed_in(browser, users["editor"])
    for path in (NEW, "/workspace/edit", "/workspace/edit/p-1007/relationships/new"):
        page = text(b.get(path))
        assert "data-suggest=" in page and page.count("js/suggest.js") == 1, path


def test_a_new_document_is_made_by_its_upload_form(browser, users):
    editor = signed_in(browser, users["editor"])
    response = editor.get("/workspace/edit/new/Document")
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/workspace/documents/new")
