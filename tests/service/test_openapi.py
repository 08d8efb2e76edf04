"""The OpenAPI document and its docs page are served, and the page loads nothing third-party."""

from __future__ import annotations

import re

from service.app import create_app


def test_openapi_json_is_served(settings):
    client = create_app(settings).test_client()
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/vocabularies" in spec["paths"]


def test_docs_page_uses_vendored_assets_only(settings):
    client = create_app(settings).test_client()
    html = client.get("/api/v1/docs").get_data(as_text=True)
    urls = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if u != "data:,"]
    assert urls and all(u.startswith(("/static/vendor/", "/static/js/")) for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "validator.swagger.io" not in html


def test_vocabularies_have_english_and_korean(settings):
    client = create_app(settings).test_client()
    body = client.get("/api/v1/vocabularies/victim_category").get_json()
    terms = {t["key"]: t for t in body["terms"]}
    assert terms["war_abductee"]["ko"] == "한국전쟁 납북자"
    assert len(terms) == 8
    missing = client.get("/api/v1/vocabularies/nope")
    assert missing.status_code == 404 and missing.get_json()["message"]
