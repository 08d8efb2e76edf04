"""The vault's documents over the JSON API: upload, processing, reading, files, search, and
the chain of custody (every view or download of a non-public document is an audit entry).

The vault holds the consent fixture, the second organisation's records
(tests/service/api/data/vault_orgs.jsonl) and org-0001's five documents
(tests/support/documents.py: two public, a restricted one under partners' terms, two
confidential ones: one naming a hidden person in its text, one about that person).
"""

from __future__ import annotations

import hashlib
import io

import pytest

from documents.process import process
from graph import audit
from tests.support.documents import HIDDEN, PUBLIC_WORD, add_documents, empty_files, samples
from tests.support.vault_api import audit_entries

DOCS = "/api/v1/vault/documents"


@pytest.fixture
def docs(vault_app, stores) -> dict[str, str]:
    empty_files(stores)
    return add_documents(stores)


def upload(api, caller, data: bytes | None, filename: str = "letter.pdf", **fields):
    form = {"kind": "letter", "terms_of_use": "public", "source": "src-pub1",
            "title_en": "A synthetic letter", "about": ["p-1007"], **fields}
    form = {k: v for k, v in form.items() if v is not None}
    if data is not None:
        form["file"] = (io.BytesIO(data), filename)
    return api.post(DOCS, data=form, headers=caller.headers, content_type="multipart/form-data")


def documents_in_vault(stores) -> int:
    rows, _, _ = stores.vault.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                            database_=stores.database("vault"))
    return rows[0]["n"]


def test_upload_process_read_and_fetch(api, users, stores, docs):
    editor = users["editor"]
    letter = samples()["letter-public"]
    made = upload(api, editor, letter, filename="형님께.pdf", title_ko="형님께 보내는 편지",
                  date="1999-05-01", language="ko", about=["p-1007", "loc-seoul"])
    assert made.status_code == 202, made.get_json()
    doc = made.get_json()
    uid = doc["uid"]
    assert made.headers["Location"].endswith(f"{DOCS}/{uid}")
    assert doc["processing"] == "pending" and doc["text"] == [] and doc["thumbnail"] is False
    assert doc["submitted_by"] == "org-0001" and doc["submitted_by_user"] == editor.email
    assert doc["sha256"] == hashlib.sha256(letter).hexdigest()
    assert {a["uid"] for a in doc["about"]} == {"p-1007", "loc-seoul"}
    assert doc["source"]["uid"] == "src-pub1" and doc["filename"] == "형님께.pdf"
    [entry] = audit_entries(stores, "document.ingest", uid)
    assert entry["actor"] == editor.email

    assert process(stores, uid, ocr=False) == "done"
    got = api.get(f"{DOCS}/{uid}", headers=editor.headers)
    assert got.status_code == 200 and got.headers["Cache-Control"] == "no-store"
    doc = got.get_json()
    assert doc["processing"] == "done" and doc["pages"] == 1 and doc["thumbnail"] is True
    assert doc["text"][0]["page"] == 1 and PUBLIC_WORD in doc["text"][0]["text"]
    assert doc["public_copy"]["media_type"] == "application/pdf"
    # approved by no one yet: restricted, pending review, and the reasons say so
    assert doc["visibility"] == "pending_review" and doc["review_status"] == "pending"
    assert any("review" in r for r in doc["explanation"]["reasons"]), doc["explanation"]

    original = api.get(f"{DOCS}/{uid}/file", headers=editor.headers)
    assert original.status_code == 200 and original.data == letter
    assert original.mimetype == "application/pdf"
    assert "filename*=UTF-8''%ED%98%95" in original.headers["Content-Disposition"]
    part = api.get(f"{DOCS}/{uid}/file", headers={**editor.headers, "Range": "bytes=5-14"})
    assert part.status_code == 206 and part.data == letter[5:15]
    assert part.headers["Content-Range"] == f"bytes 5-14/{len(letter)}"
    copy = api.get(f"{DOCS}/{uid}/public-copy", headers=editor.headers)
    assert copy.status_code == 200 and copy.data[:5] == b"%PDF-" and copy.data != letter
    thumb = api.get(f"{DOCS}/{uid}/thumbnail", headers=editor.headers)
    assert thumb.status_code == 200 and thumb.mimetype == "image/jpeg"
    assert thumb.data[:3] == b"\xff\xd8\xff"
    page = api.get(f"{DOCS}/{uid}/pages/1.png", headers=editor.headers)
    assert page.status_code == 200 and page.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert api.get(f"{DOCS}/{uid}/pages/2.png", headers=editor.headers).status_code == 404
    # the custody chain: each view and download of this non-public document, in order
    entries = [(e["action"], e["details"]) for e in audit_entries(stores, subject=uid)
               if e["action"].startswith("document.") and e["actor"] == editor.email]
    assert [a for a, _ in entries] == ["document.ingest", "document.view", "document.download",
                                       "document.download", "document.download",
                                       "document.view", "document.view"]  # not the 404
    assert '"range": "bytes=5-14"' in entries[3][1] and '"page": 1' in entries[6][1]
    assert audit.verify(stores.vault, stores.database("vault")).ok


def test_public_documents_are_read_without_entries_but_their_originals_are_audited(
        api, users, stores, docs):
    reader = users["investigator-b"]  # of another organisation: public ones are for everyone
    uid = docs["letter-public"]
    assert api.get(f"{DOCS}/{uid}", headers=reader.headers).status_code == 200
    assert api.get(f"{DOCS}/{uid}/thumbnail", headers=reader.headers).status_code == 200
    assert api.get(f"{DOCS}/{uid}/public-copy", headers=reader.headers).status_code == 200
    assert [e for e in audit_entries(stores, subject=uid) if e["actor"] == reader.email] == []
    # an original is never public: it keeps the metadata the public copy drops
    assert api.get(f"{DOCS}/{uid}/file", headers=reader.headers).status_code == 200
    [entry] = [e for e in audit_entries(stores, subject=uid) if e["actor"] == reader.email]
    assert entry["action"] == "document.download" and '"original"' in entry["details"]


def test_what_another_organisation_reads_of_a_restricted_document(api, users, docs):
    reader = users["investigator-b"]
    doc = api.get(f"{DOCS}/{docs['letter-partners']}", headers=reader.headers).get_json()
    assert doc["consent_label"] == "Restricted" and doc["visibility"] == "restricted"
    assert doc["submitted_by_user"] is None and doc["writable"] is False  # not theirs
    own = api.get(f"{DOCS}/{docs['letter-partners']}", headers=users["lawyer"].headers)
    assert own.get_json()["submitted_by_user"] == "tests" and own.get_json()["writable"]


#: The file of a bad upload: a good letter (the fields are at fault), or none at all.
LETTER, NO_FILE = "letter", "none"


@pytest.mark.parametrize("fields, data, field", [
    ({"kind": "poem"}, LETTER, "kind"),
    ({"terms_of_use": None}, LETTER, "terms_of_use"),
    ({"source": None}, LETTER, "source"),
    ({"source": "src-nothing"}, LETTER, "source"),
    ({"source": "p-1007"}, LETTER, "source"),  # not a Source
    ({"source": "src-orgb"}, LETTER, "source"),  # org-0002's, confidential: not there for A
    ({"about": ["p-1007", "p-2001"]}, LETTER, "about"),  # org-0002's hidden relative
    ({"about": ["con-1007-0"]}, LETTER, "about"),  # a consent record
    ({"title_en": None}, LETTER, "title_en"),
    ({"date": "1977-13-45"}, LETTER, "date"),
    ({}, b"\x7fELF\x02\x01\x01" + b"\0" * 100, "file"),
    ({}, b"PK\x03\x04" + b"\0" * 100, "file"),
    ({}, NO_FILE, "file"),
])
def test_bad_uploads_name_the_field_and_keep_nothing(api, users, stores, docs, fields, data,
                                                     field):
    before = (documents_in_vault(stores), sorted(stores.files.originals.hashes()))
    file = {LETTER: samples()["letter-partners"], NO_FILE: None}.get(data, data)
    response = upload(api, users["editor"], file, **fields)
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert set(body) <= {"code", "status", "message", "errors"} and field in body["errors"]
    assert (documents_in_vault(stores), sorted(stores.files.originals.hashes())) == before


def test_links_to_another_organisations_visible_records_are_refused(api, users, stores, docs):
    """B's editor may read A's restricted person and source, but not link a document to
    them: the answer names the field and the owner, and nothing is kept."""
    before = documents_in_vault(stores)
    about = upload(api, users["editor-b"], samples()["letter-partners"], source="src-orgb",
                   about=["p-1002"])
    assert about.status_code == 422 and "another organisation" in about.get_json()["errors"][
        "about"][0]
    source = upload(api, users["editor-b"], samples()["letter-partners"], about=[])
    assert source.status_code == 422 and "source" in source.get_json()["errors"]
    assert documents_in_vault(stores) == before


def test_an_upload_must_be_multipart(api, users, docs):
    response = api.post(DOCS, json={"kind": "letter"}, headers=users["editor"].headers)
    assert response.status_code == 415 and response.get_json()["errors"]["headers"]


def test_a_file_over_the_limit_is_a_413_and_keeps_nothing(api, users, stores, docs,
                                                         monkeypatch):
    from dataclasses import replace

    small = replace(stores.settings, files=replace(stores.settings.files, max_upload=4096))
    monkeypatch.setattr(stores, "settings", small)
    before = (documents_in_vault(stores), sorted(stores.files.originals.hashes()))
    letter = samples()["letter-public"]
    assert len(letter) > 4096
    # over the limit, within the form's room: the store stops it as it is written
    stopped = upload(api, users["editor"], letter)
    # far over: the body is not even read
    refused = upload(api, users["editor"], letter + b"\0" * (2 << 20))
    for response in (stopped, refused):
        assert response.status_code == 413, response.get_data(as_text=True)[:300]
        body = response.get_json()
        assert body["code"] == 413 and "4,096" in body["message"]
        assert body["errors"] == {"file": ["larger than the limit of 4,096 bytes"]}
    assert (documents_in_vault(stores), sorted(stores.files.originals.hashes())) == before
    # and the JSON endpoints keep their own 1 MB limit
    big = api.post("/api/v1/vault/records", headers=users["editor"].headers,
                   data=b'{"a": "' + b"x" * 1_100_000 + b'"}', content_type="application/json")
    assert big.status_code == 413


def test_search_gives_the_page_and_a_snippet_of_what_the_user_may_see(api, users, stores,
                                                                        docs):
    found = api.get(f"{DOCS}/search?q={PUBLIC_WORD}", headers=users["lawyer"].headers)
    assert found.status_code == 200
    body = found.get_json()
    [hit] = [i for i in body["items"] if i["uid"] == docs["letter-public"]]
    assert hit["hit"]["page"] == 1 and hit["hit"]["match"] == PUBLIC_WORD
    assert hit["visibility"] == "public" and hit["thumbnail"] is True
    # the hidden person's name: their own organisation finds its confidential letter ...
    name = HIDDEN["name_en"]
    own = api.get(f"{DOCS}/search?q={name}", headers=users["investigator"].headers).get_json()
    assert docs["letter-names-hidden"] in {i["uid"] for i in own["items"]}
    viewed = audit_entries(stores, "document.view", docs["letter-names-hidden"])
    assert [e["actor"] for e in viewed] == [users["investigator"].email]
    # ... another organisation finds nothing, and reads nothing of it
    other = api.get(f"{DOCS}/search?q={name}", headers=users["investigator-b"].headers)
    assert other.status_code == 200 and other.get_json()["items"] == []
    assert name not in other.get_data(as_text=True)


def test_the_list_filters_by_kind_and_visibility(api, users, docs):
    everything = api.get(DOCS, headers=users["editor"].headers).get_json()
    assert {i["uid"] for i in everything["items"]} == set(docs.values())
    facets = {f: {v["key"]: v["count"] for v in vs} for f, vs in everything["facets"].items()}
    assert facets["kind"] == {"letter": 3, "photo": 2}
    assert facets["visibility"] == {"public": 2, "restricted": 1, "confidential": 2}
    photos = api.get(f"{DOCS}?kind=photo&visibility=public", headers=users["editor"].headers)
    assert {i["uid"] for i in photos.get_json()["items"]} == {docs["photo-public"]}
    other = api.get(DOCS, headers=users["lawyer-b"].headers).get_json()
    assert {i["uid"] for i in other["items"]} == {docs["letter-public"], docs["photo-public"],
                                                  docs["letter-partners"]}
    bad = api.get(f"{DOCS}?kind=poem", headers=users["editor"].headers)
    assert bad.status_code == 422 and "kind" in bad.get_json()["errors"]["query"]


def test_process_now_requeues_a_failed_document(api, users, stores, docs):
    # a JPEG's signature and nothing of a picture: taken, and then unreadable
    broken = upload(api, users["editor"], b"\xff\xd8\xff\xe0" + b"\0" * 2000,
                    filename="broken.jpg", kind="photo", language="none")
    uid = broken.get_json()["uid"]
    assert process(stores, uid, ocr=False) == "failed"
    failed = api.get(f"{DOCS}/{uid}", headers=users["editor"].headers).get_json()
    assert failed["processing"] == "failed" and failed["processing_error"]
    assert api.get(f"{DOCS}/{uid}", headers=users["investigator-b"].headers).status_code == 404
    # another organisation's editor: not there (confidential), or not theirs (restricted)
    assert api.post(f"{DOCS}/{uid}/process",
                    headers=users["editor-b"].headers).status_code == 404
    assert api.post(f"{DOCS}/{docs['letter-partners']}/process",
                    headers=users["editor-b"].headers).status_code == 403
    again = api.post(f"{DOCS}/{uid}/process", headers=users["editor"].headers)
    assert again.status_code == 202, again.get_json()
    assert again.get_json() == {"uid": uid, "processing": "pending", "was": "failed"}
    assert stores.documents_waiting.is_set()  # the worker is woken
    [entry] = audit_entries(stores, "document.requeue", uid)
    assert entry["actor"] == users["editor"].email
    doc = api.get(f"{DOCS}/{uid}", headers=users["editor"].headers).get_json()
    assert doc["processing"] == "pending" and doc["processing_error"] is None
    done = api.post(f"{DOCS}/{docs['letter-public']}/process", headers=users["editor"].headers)
    assert done.status_code == 409 and done.get_json()["message"]
