"""The leak suite for the public API: every public endpoint and download is crawled over
the published consent fixture, and no response body holds the name, a name variant, the
contact details, the notes or the uid of any of the eight people who are not public."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import quote

import pytest

from service.public import downloads, entities, graphs, maps
from tests.support.leaks import PUBLIC_PEOPLE, hidden_people, identifying_strings, leaks

HIDDEN = hidden_people()


def body_of(client, url: str, status: int | tuple = 200, drop_echo: bool = False) -> str:
    response = client.get(url)
    expected = status if isinstance(status, tuple) else (status,)
    assert response.status_code in expected, (url, response.status_code)
    if response.mimetype == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.data))
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    text = response.get_data(as_text=True)
    if drop_echo:  # the search's own echo of the visitor's keyword is not a leak
        body = json.loads(text)
        body.pop("query", None)
        text = json.dumps(body, ensure_ascii=False)
    return text


def assert_clean(text: str, url: str, allowed: set[str] = frozenset()) -> None:
    found = [s for s in leaks(text, HIDDEN) if s not in allowed]
    assert not found, f"{url} leaks {found[:5]}"


def test_the_fixture_is_what_the_suite_expects():
    assert len(HIDDEN) == 8 and not set(HIDDEN) & PUBLIC_PEOPLE


def public_uids(client) -> set[str]:
    out = set()
    for kind in entities.KINDS:
        body = json.loads(body_of(client, f"/api/v1/{kind}?per_page=100"))
        out |= {i["uid"] for i in body["items"]}
    return out


def crawl_urls(client) -> list[str]:
    urls = ["/api/v1/stats", "/api/v1/stats?lang=ko", "/api/v1/maps", "/api/v1/downloads",
            "/api/v1/search", "/api/v1/search?lang=ko&per_page=100", "/api/v1/vocabularies"]
    for kind in entities.KINDS:
        urls += [f"/api/v1/{kind}?per_page=100", f"/api/v1/{kind}?per_page=100&lang=ko"]
        body = json.loads(body_of(client, f"/api/v1/{kind}?per_page=100"))
        urls += [f"/api/v1/{kind}/{i['uid']}" for i in body["items"]]
    urls += [f"/api/v1/maps/{layer}" for layer in maps.LAYERS]
    every_type = "&".join(f"types={t}" for t in graphs.REL_TYPES)
    for uid in sorted(public_uids(client)):
        urls += [f"/api/v1/graphs/neighbourhood/{uid}?hops=3&limit=500",
                 f"/api/v1/graphs/neighbourhood/{uid}?hops=3&limit=500&{every_type}"]
    victims = json.loads(body_of(client, "/api/v1/victims?per_page=100"))["items"]
    for victim in victims:
        uid = victim["uid"]
        urls += [f"/api/v1/graphs/chain/{uid}", f"/api/v1/graphs/cases/{uid}/proceedings",
                 f"/api/v1/graphs/paths?from={uid}&to=body-mss&k=10",
                 f"/api/v1/graphs/paths?from={uid}&to=loc-yodok&k=10&{every_type}"]
    for proc in json.loads(body_of(client, "/api/v1/proceedings?per_page=100"))["items"]:
        urls.append(f"/api/v1/graphs/proceedings/{proc['uid']}/cases")
    urls += ["/api/v1/downloads/graph.jsonl", "/api/v1/downloads/csv.zip",
             "/api/v1/downloads/graph.graphml"]
    urls += [f"/api/v1/downloads/csv/{table}.csv" for table in downloads.CSV_TABLES]
    return urls


def test_no_public_endpoint_or_download_leaks(public_client):
    urls = crawl_urls(public_client)
    assert len(urls) > 100
    # every kind of public record is crawled, a resource included
    assert {"/api/v1/resources/res-x1", "/api/v1/instruments/ins-iccpr",
            "/api/v1/graphs/neighbourhood/res-x1?hops=3&limit=500"} <= set(urls)
    for url in urls:
        assert_clean(body_of(public_client, url, (200, 404)), url)


def test_the_public_records_are_really_there(public_client):
    """A leak test that sees nothing proves nothing: the crawl does see the public people."""
    text = body_of(public_client, "/api/v1/downloads/graph.jsonl")
    assert "Nam Gyeongho-public" in text and "마재석공개" in text and "김철호" in text


@pytest.mark.parametrize("uid", sorted(HIDDEN))
def test_asking_for_a_hidden_person_by_uid_reveals_nothing(public_client, uid):
    urls = [f"/api/v1/{kind}/{uid}" for kind in ("victims", "officials")] + [
        f"/api/v1/graphs/neighbourhood/{uid}?hops=3", f"/api/v1/graphs/chain/{uid}",
        f"/api/v1/graphs/cases/{uid}/proceedings", f"/api/v1/graphs/paths?from=p-1007&to={uid}",
        f"/api/v1/search?body={uid}", f"/api/v1/search?location={uid}"]
    for url in urls:
        text = body_of(public_client, url, (200, 404))
        assert_clean(text, url, allowed={uid})  # a 404 may echo the uid that was asked for


@pytest.mark.parametrize("uid", sorted(HIDDEN))
def test_searching_for_a_hidden_persons_names_finds_nothing(public_client, uid):
    for needle in identifying_strings(HIDDEN[uid]):
        for q in (needle, needle.split()[0], needle[:2]):
            url = f"/api/v1/search?q={quote(q)}&per_page=100"
            assert_clean(body_of(public_client, url, drop_echo=True), url)


def test_the_leak_detector_sees_escaped_and_plain_names():
    person = HIDDEN["p-1001"]
    assert leaks(json.dumps({"x": person["name_ko"]}))  # \uXXXX-escaped Hangul
    assert leaks(f"... {person['name_variants'][0]} ...")
    assert leaks('{"uid": "p-1001"}') and not leaks('{"uid": "p-10010"}')


def test_no_document_surface_leaks(public_client, tmp_path):
    """Documents (tests/support/documents.py, three of five never public): their pages in
    both languages, their page images and thumbnails, the public copies' bytes, text and
    metadata, and the text search asked for every hidden person's names."""
    from documents.media import detect, read_metadata

    documents = json.loads(body_of(public_client, "/api/v1/documents?per_page=100"))["items"]
    assert {d["uid"] for d in documents} == {"doc-letter-public", "doc-photo-public"}
    checked = 0
    for doc in documents:
        for lang in ("en", "ko"):
            url = f"/documents/{doc['uid']}?lang={lang}"
            assert_clean(body_of(public_client, url), url)
        props = json.loads(body_of(public_client, f"/api/v1/documents/{doc['uid']}"))["properties"]
        for sha in filter(None, (props.get("public_sha256"), props.get("public_thumb_sha256"))):
            data = public_client.get(f"/files/{sha}").data
            path = tmp_path / sha
            path.write_bytes(data)
            media = detect(data[:65536])
            text = data.decode("latin-1") + json.dumps(read_metadata(path, media))
            if media.mime == "application/pdf":
                from pypdf import PdfReader

                text += "".join(p.extract_text() for p in PdfReader(path).pages)
            assert_clean(text, f"/files/{sha}")
            checked += 1
    assert checked >= 3
    for person in HIDDEN.values():
        for term in identifying_strings(person)[:4]:
            for url in (f"/documents/text?q={quote(term)}", f"/api/v1/document-text?q={quote(term)}"):
                assert_clean(body_of(public_client, url).replace(term, ""), url)
