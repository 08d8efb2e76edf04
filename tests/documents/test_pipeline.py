"""Documents end to end: ingest, processing, the consent policy's rule 10, publication of
public copies (never originals), withdrawal removing the public files at once, and the
public site serving only what the public graph holds (tests/support/documents.py)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from documents.ingest import IngestError, Upload, ingest
from documents.media import detect, read_metadata
from graph import audit
from graph.consent import editor
from tests.support.documents import (
    DOCUMENTS,
    HIDDEN,
    PUBLIC_WORD,
    add_documents,
    empty_files,
    samples,
)
from tests.support.leaks import CONSENT_STATES
from tests.support.published import publish_fixtures


def vault_doc(stores, uid: str) -> dict:
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document {uid: $uid}) RETURN properties(d) AS props, labels(d) AS labels",
        uid=uid, database_=stores.database("vault"))
    return {**rows[0]["props"], "labels": rows[0]["labels"]}


def public_doc(stores, uid: str) -> dict | None:
    rows, _, _ = stores.public.execute_query(
        "MATCH (d:Document {uid: $uid}) RETURN properties(d) AS props", uid=uid,
        database_=stores.database("public"))
    return rows[0]["props"] if rows else None


def test_only_cleared_documents_are_published(published_stores):
    for name, (*_, public) in DOCUMENTS.items():
        assert (public_doc(published_stores, f"doc-{name}") is not None) == public, name


def test_the_public_graph_holds_the_public_copy_not_the_original(published_stores):
    vault = vault_doc(published_stores, "doc-letter-public")
    public = public_doc(published_stores, "doc-letter-public")
    assert vault["sha256"] == hashlib.sha256(samples()["letter-public"]).hexdigest()
    assert public["public_sha256"] == vault["public_sha256"] != vault["sha256"]
    assert "sha256" not in public and "thumb_sha256" not in public and "filename" not in public
    files = published_stores.files
    assert files.public.exists(public["public_sha256"])
    assert not files.public.exists(vault["sha256"])  # the original never leaves its area
    assert files.originals.rehash(vault["sha256"]) == vault["sha256"]  # kept byte for byte


def test_text_is_read_per_page_and_published(published_stores):
    public = public_doc(published_stores, "doc-letter-public")
    assert public["pages"] == 1 and PUBLIC_WORD in public["text_pages"][0]


def test_the_public_copy_of_a_photo_has_no_gps_serial_or_name(published_stores, tmp_path):
    files = published_stores.files
    vault = vault_doc(published_stores, "doc-photo-public")
    original, copy = tmp_path / "original.jpg", tmp_path / "copy.jpg"
    original.write_bytes(files.originals.open(vault["sha256"]).read())
    copy.write_bytes(files.public.open(vault["public_sha256"]).read())
    media = detect(original.read_bytes()[:65536])
    assert any("GPS" in k for k in read_metadata(original, media))  # the original keeps it
    assert read_metadata(copy, detect(copy.read_bytes()[:65536])) == {}
    assert b"Kim Chol-su" not in copy.read_bytes() and b"R58M12345AB" not in copy.read_bytes()


def test_a_document_naming_a_hidden_person_stays_in_the_vault(published_stores):
    doc = vault_doc(published_stores, "doc-letter-names-hidden")
    assert "Confidential" in doc["labels"]
    why = editor.explain(published_stores, "doc-letter-names-hidden")
    assert any(HIDDEN["uid"] in reason for reason in why["reasons"]), why


def test_documents_about_hidden_people_or_under_partner_terms_stay_out(published_stores):
    assert "Confidential" in vault_doc(published_stores, "doc-photo-about-hidden")["labels"]
    assert "Restricted" in vault_doc(published_stores, "doc-letter-partners")["labels"]


def test_files_are_served_only_for_public_documents(published_stores, public_client):
    public = public_doc(published_stores, "doc-letter-public")
    hidden = vault_doc(published_stores, "doc-photo-about-hidden")
    response = public_client.get(f"/files/{public['public_sha256']}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data[:5] == b"%PDF-"
    for sha in (vault_doc(published_stores, "doc-letter-public")["sha256"],  # an original
                hidden["public_sha256"], hidden["sha256"], "0" * 64, "../etc/passwd"):
        assert public_client.get(f"/files/{sha}").status_code == 404, sha


def test_range_requests_serve_parts_of_a_file(published_stores, public_client):
    sha = public_doc(published_stores, "doc-photo-public")["public_sha256"]
    whole = public_client.get(f"/files/{sha}").data
    part = public_client.get(f"/files/{sha}", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.data == whole[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(whole)}"
    tail = public_client.get(f"/files/{sha}", headers={"Range": "bytes=-5"})
    assert tail.status_code == 206 and tail.data == whole[-5:]
    past = public_client.get(f"/files/{sha}", headers={"Range": f"bytes={len(whole)}-"})
    assert past.status_code == 416


def test_the_document_page_shows_the_viewer_and_the_text(published_stores, public_client):
    page = public_client.get("/documents/doc-letter-public?lang=ko").get_data(as_text=True)
    assert PUBLIC_WORD in page and "/documents/doc-letter-public/pages/1.png" in page
    image = public_client.get("/documents/doc-letter-public/pages/1.png")
    assert image.status_code == 200 and image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert public_client.get("/documents/doc-letter-public/pages/2.png").status_code == 404
    assert public_client.get("/documents/doc-letter-names-hidden").status_code == 404


def test_a_profile_shows_its_documents(published_stores, public_client):
    page = public_client.get("/victims/p-1007").get_data(as_text=True)
    assert 'data-uid="doc-letter-public"' in page
    assert "doc-letter-names-hidden" not in page and "doc-letter-partners" not in page


def test_document_text_search_gives_the_page_and_a_snippet(published_stores, public_client):
    page = public_client.get(f"/documents/text?q={PUBLIC_WORD}").get_data(as_text=True)
    assert 'data-uid="doc-letter-public"' in page and f"<mark>{PUBLIC_WORD}</mark>" in page
    hidden = public_client.get(f"/documents/text?q={HIDDEN['name_en'].split('-')[0]}")
    assert "doc-letter-names-hidden" not in hidden.get_data(as_text=True)


@pytest.fixture
def fresh(stores, vault, public):
    """A vault of its own (this module's tests change it): consent fixture and documents."""
    publish_fixtures(stores, CONSENT_STATES)
    empty_files(stores)
    return stores, add_documents(stores, names=("letter-public", "photo-public"))


def test_withdrawal_removes_the_public_files_at_once(fresh, settings):
    from service.app import create_app

    stores, uids = fresh
    copy = public_doc(stores, uids["letter-public"])["public_sha256"]
    client = create_app(settings, stores).test_client()
    assert client.get(f"/files/{copy}").status_code == 200
    withdrawn = editor.withdraw_consent(stores, "p-1007", actor="editor@test")
    assert uids["letter-public"] in withdrawn.publication.removed
    assert public_doc(stores, uids["letter-public"]) is None
    assert not stores.files.public.exists(copy)  # gone from the public area, synchronously
    assert client.get(f"/files/{copy}").status_code == 404
    assert public_doc(stores, uids["photo-public"]) is not None  # another person's stays
    assert stores.files.public.exists(public_doc(stores, uids["photo-public"])["public_sha256"])


def test_ingest_is_audited_and_processing_too(fresh):
    stores, uids = fresh
    actions = [(e["action"], e["subject"]) for e in audit.entries(stores.vault)]
    for uid in uids.values():
        assert ("document.ingest", uid) in actions and ("document.processed", uid) in actions
    assert audit.verify(stores.vault).ok


@pytest.mark.parametrize("data, field, reason", [
    (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "file", "executable"),
    (b"PK\x03\x04" + b"\0" * 100, "file", "archive"),
    (b"", "file", "empty"),
])
def test_refused_files_keep_nothing(fresh, data, field, reason):
    stores, _ = fresh
    before = sorted(stores.files.originals.hashes())
    upload = Upload(kind="letter", terms_of_use="public", source="src-pub1", title_en="x")
    with pytest.raises(IngestError) as caught:
        ingest(stores, io.BytesIO(data), upload, organization="org-0001", actor="tests")
    assert reason in str(caught.value.errors[field]).lower()
    assert sorted(stores.files.originals.hashes()) == before


@pytest.mark.parametrize("change, field", [
    ({"kind": "poem"}, "kind"), ({"terms_of_use": "everyone"}, "terms_of_use"),
    ({"source": "src-nothing"}, "source"), ({"source": "p-1007"}, "source"),
    ({"about": ["con-1"]}, "about"), ({"title_en": None}, "title_en"),
    ({"date": "1977-13-45"}, "date"),
])
def test_bad_fields_are_named_and_nothing_is_written(fresh, change, field):
    stores, _ = fresh
    fields = {"kind": "letter", "terms_of_use": "public", "source": "src-pub1",
              "title_en": "A letter", **change}
    with pytest.raises(IngestError) as caught:
        ingest(stores, io.BytesIO(samples()["letter-partners"]), Upload(**fields),
               organization="org-0001", actor="tests")
    assert field in caught.value.errors
    rows, _, _ = stores.vault.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                            database_=stores.database("vault"))
    assert rows[0]["n"] == 2


def test_verify_catches_a_flipped_byte(fresh, settings):
    from click.testing import CliRunner

    from service.cli import main

    stores, uids = fresh
    runner = CliRunner()
    assert runner.invoke(main, ["documents", "verify"], obj=settings).exit_code == 0
    sha = vault_doc(stores, uids["photo-public"])["sha256"]
    path = Path(stores.settings.files_dir) / "originals" / sha[:2] / sha[2:4] / sha
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    result = runner.invoke(main, ["documents", "verify"], obj=settings)
    assert result.exit_code == 1 and sha in result.output and "corrupt" in result.output


def test_the_api_searches_document_text(published_stores, public_client):
    body = public_client.get(f"/api/v1/document-text?q={PUBLIC_WORD}&lang=ko").get_json()
    assert body["total"] == 1
    [item] = body["items"]
    assert item["node"]["uid"] == "doc-letter-public" and item["hit"]["page"] == 1
    assert item["hit"]["match"] == PUBLIC_WORD
    assert "text_pages" not in item["node"]["properties"]
    bad = public_client.get("/api/v1/document-text?q=")
    assert bad.status_code == 422 and bad.get_json()["errors"]


def test_a_processing_that_runs_too_long_is_stopped_and_said(fresh):
    """The worker's isolation: processing runs in a child process with a time limit (here
    too short for even a small letter to be read); the document is marked failed, with why."""
    from documents.process import process_isolated

    stores, _ = fresh
    upload = Upload(kind="letter", terms_of_use="public", source="src-pub1", title_en="Slow",
                    uid="doc-slow")
    ingest(stores, io.BytesIO(samples()["letter-partners"]), upload, organization="org-0001",
           actor="tests")
    assert process_isolated(stores, "doc-slow", ocr=False, time_limit=0.05) == "failed"
    doc = vault_doc(stores, "doc-slow")
    assert doc["processing"] == "failed" and "longer than" in doc["processing_error"]
    assert process_isolated(stores, "doc-slow", ocr=False, time_limit=120) == "done"


def test_a_video_and_a_scan_go_through_the_whole_pipeline(fresh, settings, tmp_path):
    """A short video with identifying tags and a photographed letter read by OCR, both
    public: the video's public copy has no tags and plays with ranges; the scan's Korean
    text is found by the public search."""
    from documents.media import samples as media_samples
    from service.app import create_app

    stores, _ = fresh
    made = {}
    for name, kind, data in (
            ("video", "video", media_samples.video_mp4(1.0, title="Kim Chol-su at the border")),
            ("scan", "letter", media_samples.scanned_letter_jpeg("아버지께. 평양에서 기다립니다."))):
        upload = Upload(kind=kind, terms_of_use="public", source="src-pub1", title_en=name,
                        about=["p-1007"], uid=f"doc-{name}")
        ingest(stores, io.BytesIO(data), upload, organization="org-0001", actor="tests")
        made[name] = data
    stores.vault.execute_query("MATCH (d:Document) SET d.review_status = 'approved'",
                               database_=stores.database("vault"))
    from documents.process import process

    assert process(stores, "doc-video", ocr=False) == "done"
    assert process(stores, "doc-scan", ocr=True) == "done"
    video = public_doc(stores, "doc-video")
    assert video["duration"] == 1 and video["public_media_type"] == "video/mp4"
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(stores.files.public.open(video["public_sha256"]).read())
    assert read_metadata(copy, detect(copy.read_bytes()[:65536])) == {}
    assert b"Kim Chol-su" not in copy.read_bytes()
    client = create_app(settings, stores).test_client()
    page = client.get("/documents/doc-video").get_data(as_text=True)
    assert f'<video controls preload="metadata" src="/files/{video["public_sha256"]}"' in page
    part = client.get(f"/files/{video['public_sha256']}", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100
    assert "평양" in " ".join(public_doc(stores, "doc-scan")["text_pages"])
    hits = client.get("/api/v1/document-text?q=평양").get_json()
    assert "doc-scan" in [i["node"]["uid"] for i in hits["items"]]  # beside the letter


@pytest.mark.parametrize("header", ["bytes=" + "9" * 5000 + "-", "bytes=0-" + "9" * 5000,
                                    "bytes=abc", "bytes=5-2"])
def test_a_bad_range_is_a_416_not_a_server_error(published_stores, public_client, header):
    sha = public_doc(published_stores, "doc-photo-public")["public_sha256"]
    size = len(public_client.get(f"/files/{sha}").data)
    response = public_client.get(f"/files/{sha}", headers={"Range": header})
    assert response.status_code == 416, response.status_code
    assert response.headers["Content-Range"] == f"bytes */{size}"
