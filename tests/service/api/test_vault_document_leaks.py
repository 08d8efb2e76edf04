"""Leak tests of the vault's documents, as an attacker would try them.

Organisation A (org-0001) holds two Confidential documents (tests/support/documents.py):
a letter whose text names a person A keeps hidden (Hwang Ilsu-none), and a photo about
that person. Another organisation's users, in every role, must get nothing of them from
any document route: not their fields, text, files, thumbnails or pages (404, as for a uid
that does not exist), not a search hit for the hidden person's name or the documents'
titles, not an entry of a list. A researcher (public graph only) gets nothing of the vault
at all. Crafted input (path traversal in the uid, huge or odd page numbers, bad Range
headers) is a clean 4xx in the one error shape.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from tests.support.documents import HIDDEN, add_documents, empty_files
from tests.support.leaks import fixture_people, leaks

DOCS = "/api/v1/vault/documents"
CONFIDENTIAL = ("letter-names-hidden", "photo-about-hidden")
#: Every route of one document.
ROUTES = ("", "/file", "/public-copy", "/thumbnail", "/pages/1.png")


@pytest.fixture
def docs(vault_app, stores) -> dict[str, str]:
    empty_files(stores)
    return add_documents(stores)


def secrets_of(docs: dict[str, str]) -> dict[str, dict]:
    """What identifies A's hidden person and A's confidential documents, as ``leaks`` reads
    it (a person-like record per document: its uid and its title)."""
    out = {HIDDEN["uid"]: fixture_people()[HIDDEN["uid"]]}
    for name in CONFIDENTIAL:
        uid = docs[name]
        out[uid] = {"uid": uid, "name_en": f"Test {name}", "name_ko": uid, "name_variants": [],
                    "contact": uid, "notes": uid}
    return out


def assert_error_shape(response) -> None:
    body = response.get_json()
    assert isinstance(body, dict) and body["code"] == response.status_code and body["message"]
    assert set(body) <= {"code", "status", "message", "errors"}


@pytest.mark.parametrize("role", ["investigator-b", "lawyer-b", "editor-b", "admin-b"])
def test_another_organisation_gets_nothing_of_a_confidential_document(api, users, docs, role):
    caller = users[role]
    hidden = secrets_of(docs)
    problems = []
    for name in CONFIDENTIAL:
        uid = docs[name]
        for route in ROUTES:
            for headers in ({}, {"Range": "bytes=0-10"}):
                response = api.get(f"{DOCS}/{uid}{route}", headers={**caller.headers, **headers})
                if response.status_code != 404:
                    problems.append(f"GET {route} {headers}: {response.status_code}")
                assert_error_shape(response)
                found = [s for s in leaks(response.get_data(), hidden) if s != uid]
                if found:
                    problems.append(f"GET {uid}{route} leaked {found}")
        process = api.post(f"{DOCS}/{uid}/process", headers=caller.headers)
        expected = 404 if "editor" in role or "admin" in role else 403
        if process.status_code != expected:
            problems.append(f"POST process: {process.status_code}")
    # lists and searches: none of it, not by the person's names nor the documents' titles
    terms = [HIDDEN["name_en"], HIDDEN["name_ko"], "Hwang", *(f"Test {n}" for n in CONFIDENTIAL),
             "station before the arrest"]
    for url in [DOCS, f"{DOCS}?per_page=100&visibility=confidential",
                *(f"{DOCS}/search?q={quote(t)}" for t in terms)]:
        response = api.get(url, headers=caller.headers)
        assert response.status_code == 200, url
        uids = {i["uid"] for i in response.get_json()["items"]}
        if uids & {docs[n] for n in CONFIDENTIAL}:
            problems.append(f"{url} lists {uids}")
        found = [s for s in leaks(response.get_data(), hidden) if s not in unquote(url)]
        if found:  # what the caller typed comes back as the query, and only that
            problems.append(f"{url} leaked {found}")
    assert problems == []


def test_the_owning_organisation_sees_them(api, users, docs):
    """The same calls by A's investigator succeed: the walls, not a broken route, made the
    404s above."""
    caller = users["investigator"]
    for name in CONFIDENTIAL:
        uid = docs[name]
        for route in ROUTES:
            response = api.get(f"{DOCS}/{uid}{route}", headers=caller.headers)
            expected = 404 if route.startswith("/pages") and "photo" in name else 200
            assert response.status_code == expected, (uid, route)
    found = api.get(f"{DOCS}/search?q={quote(HIDDEN['name_en'])}", headers=caller.headers)
    assert docs["letter-names-hidden"] in {i["uid"] for i in found.get_json()["items"]}


@pytest.mark.parametrize("role", ["researcher", "researcher-b"])
def test_a_researcher_gets_nothing_of_the_vault(api, users, docs, role):
    caller = users[role]
    urls = [DOCS, f"{DOCS}/search?q={quote(HIDDEN['name_en'])}",
            *(f"{DOCS}/{docs[n]}{r}" for n in docs for r in ROUTES)]
    for url in urls:
        response = api.get(url, headers=caller.headers)
        assert response.status_code == 403, url
        assert_error_shape(response)
        assert leaks(response.get_data(), secrets_of(docs)) == []
    for method, url in (("POST", DOCS), ("POST", f"{DOCS}/{docs['letter-public']}/process")):
        assert api.open(url, method=method, headers=caller.headers).status_code == 403
    anonymous = api.get(f"{DOCS}/{docs['letter-public']}")
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"]


CRAFTED_UIDS = ["..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e", "doc-letter-public%00", "x" * 5000,
                "doc-letter-public' OR 1=1 --", "%E2%80%AEdoc", "*", "doc-*"]


@pytest.mark.parametrize("uid", CRAFTED_UIDS)
def test_crafted_uids_are_a_clean_404(api, users, docs, uid):
    for route in ROUTES:
        response = api.get(f"{DOCS}/{uid}{route}", headers=users["editor"].headers)
        assert response.status_code == 404, (uid, route, response.status_code)
        if response.is_json:
            assert_error_shape(response)


@pytest.mark.parametrize("number", ["0", "2", "-1", "1e3", "01x", "99999999999999999999",
                                    "9" * 5000, "１", "%20"])
def test_odd_page_numbers_are_a_clean_404(api, users, docs, number):
    response = api.get(f"{DOCS}/{docs['letter-public']}/pages/{number}.png",
                       headers=users["editor"].headers)
    assert response.status_code == 404, number
    assert_error_shape(response)


@pytest.mark.parametrize("header, status", [
    ("bytes=abc", 416), ("bytes=5-2", 416), ("bytes=-0", 416), ("bytes=", 416),
    ("bytes=-", 416), ("bytes=99999999-", 416), ("bytes=" + "9" * 5000 + "-", 416),
    ("bytes=0-" + "9" * 40, 416), ("bytes=--1", 416),
    ("items=0-1", 200), ("bytes=0-1,4-5", 200),  # another unit, several ranges: ignored
    ("bytes=0-0", 206), ("bytes=-1", 206), ("bytes=1-99999999", 206),
])
def test_range_headers_are_answered_cleanly(api, users, docs, header, status):
    for route in ("/file", "/public-copy"):
        response = api.get(f"{DOCS}/{docs['letter-partners']}{route}",
                           headers={**users["editor"].headers, "Range": header})
        assert response.status_code == status, (route, header, response.status_code)
        size = len(api.get(f"{DOCS}/{docs['letter-partners']}{route}",
                           headers=users["editor"].headers).data)
        if status == 416:
            assert_error_shape(response)
            assert response.headers["Content-Range"] == f"bytes */{size}"
        elif status == 206:
            first, last = map(int, response.headers["Content-Range"].split()[1].split("/")[0]
                              .split("-"))
            assert len(response.data) == last - first + 1 and last < size


def test_the_public_site_never_serves_a_vault_file(api, users, docs, vault_app, stores):
    """The hashes of originals, thumbnails and unpublished public copies, asked for on the
    public site's file route: 404, whatever the Range. (A thumbnail drawn from an original
    can be the very bytes of its public copy's thumbnail, a photo's: that one is public.)"""
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) RETURN d:Public AS public, d.sha256 AS original, "
        "d.thumb_sha256 AS thumb, d.public_sha256 AS copy, d.public_thumb_sha256 AS copy_thumb",
        database_=stores.database("vault"))
    published = {r[k] for r in rows if r["public"] for k in ("copy", "copy_thumb")}
    hashes = {r[k] for r in rows for k in ("original", "thumb") if r[k]} | {
        r[k] for r in rows if not r["public"] for k in ("copy", "copy_thumb") if r[k]}
    hashes -= published
    assert len(hashes) >= 10
    client = vault_app.test_client()
    for sha in hashes:
        for headers in ({}, {"Range": "bytes=0-1"}):
            assert client.get(f"/files/{sha}", headers=headers).status_code == 404, sha
