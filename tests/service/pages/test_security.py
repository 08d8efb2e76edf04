"""The pages' Content-Security-Policy: self only, no inline script, vis-network's injected
stylesheets allowed by hash, a configured tile server for images only."""

from __future__ import annotations

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
