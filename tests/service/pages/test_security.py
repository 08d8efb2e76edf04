"""The Content-Security-Policy and the other security headers: self only, no inline script,
vis-network's injected stylesheets allowed by hash, a configured tile server for images only,
and the headers on every response, the API's included."""

from __future__ import annotations

import json
import re

from service.pages import security


def test_policy_is_self_only_without_unsafe_keywords():
    policy = security.policy()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_vis_network_styles_are_allowed_by_hash():
    hashes = security.vis_style_hashes()
    assert len(hashes) >= 4  # the empty sheet and vis-network's stylesheets
    assert "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='" in hashes  # sha256("")
    assert all(h.startswith("'sha256-") for h in hashes)
    assert all(h in security.policy() for h in hashes)


def test_tile_server_is_allowed_for_images_only():
    url = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    assert security.tile_source(url) == "https://*.tile.example.org"
    policy = security.policy(url)
    assert "img-src 'self' data: https://*.tile.example.org" in policy
    assert "connect-src 'self';" in policy
    assert security.tile_source("javascript:alert(1)") is None
    assert security.tile_source(None) is None


HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer"}


def test_every_response_carries_the_security_headers(public_client, researcher_headers):
    """Pages, the JSON API (answers and errors), its OpenAPI document and interactive docs,
    static files and the health check: one function sets the headers on all of them."""
    responses = {
        "page": public_client.get("/"),
        "api": public_client.get("/api/v1/stats"),
        "api 404": public_client.get("/api/v1/victims/nobody-at-all"),
        "api 405": public_client.delete("/api/v1/stats"),
        "api 401": public_client.post("/api/v1/cypher", json={"query": "RETURN 1"}),
        "api 415": public_client.post("/api/v1/cypher", data="query=1",
                                      content_type="application/x-www-form-urlencoded",
                                      headers=researcher_headers),
        "openapi": public_client.get("/api/v1/openapi.json"),
        "docs": public_client.get("/api/v1/docs"),
        "static": public_client.get("/static/js/site.js"),
        "health": public_client.get("/health"),
    }
    for name, response in responses.items():
        assert response.status_code < 500, name
        for header, value in HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        csp = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, name
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
    assert responses["api"].headers.get("Cache-Control") != "no-cache"  # the API's own caching


def test_the_api_docs_page_has_no_inline_script(public_client):
    html = public_client.get("/api/v1/docs").get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" not in attributes or not body.strip()
    assert '/static/js/swagger-init.js' in html and "/static/vendor/swagger-ui/" in html
    config = json.loads(re.search(r'id="swagger-config">(.*?)</script>', html, re.DOTALL).group(1))
    assert config["url"].endswith("/api/v1/openapi.json") and config["validatorUrl"] is None
