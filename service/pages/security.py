"""Security headers of every response (pages, the JSON API, its docs): a strict
Content-Security-Policy, no framing, no MIME sniffing, no referrer.

Why: the pages must make no third-party request (a visitor's interest in a
victim is itself sensitive), and a policy of ``'self'`` turns any mistake that
would load something from elsewhere into a blocked request. Scripts come only
from files under /static (no inline script: data travels in
``<script type="application/json">`` blocks, which are not executed). The one
exception is vis-network, which injects a few fixed ``<style>`` elements at
run time: they are allowed by the SHA-256 hashes of their text, read from the
vendored file, rather than by ``'unsafe-inline'``. A configured tile server
(settings.tile_url) is the only other origin, for images only. The API's answers
get the same headers (the app factory adds them to every response): JSON is never
rendered, but a browser that sniffed it, or a page that framed the interactive
docs, must not be able to.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import Response, current_app

VIS_JS = Path(__file__).resolve().parents[1] / "static" / "vendor" / "vis-network" / "vis-network.min.js"
_STYLE_CALL = re.compile(r"""\bA\((["'])((?:\\.|(?!\1).)*?)\1\)""", re.DOTALL)


@lru_cache(maxsize=1)
def vis_style_hashes() -> tuple[str, ...]:
    """CSP sources for the stylesheets vis-network injects (its ``A("css")`` calls)."""
    try:
        text = VIS_JS.read_text(encoding="utf-8")
    except OSError:
        return ()
    out = [_hash("")]  # each <style> is appended empty, then filled: both states are checked
    for quote, body in _STYLE_CALL.findall(text):
        css = _unescape(body, quote)
        if "{" in css and "}" in css and re.match(r"\s*[.#\w\[]", css):
            out.append(_hash(css))
    return tuple(dict.fromkeys(out)) if len(out) > 1 else ()


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _unescape(body: str, quote: str) -> str:
    if "\\" not in body:
        return body
    if quote == "'":
        body = body.replace("\\'", "'").replace('"', '\\"')
    return json.loads(f'"{body}"')


def tile_source(tile_url: str | None) -> str | None:
    """The CSP source of a tile URL template (``{s}.`` subdomains become ``*.``)."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}.", "tiles-subdomain."))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    host = parts.netloc.replace("tiles-subdomain.", "*.")
    return f"{parts.scheme}://{host}"


def policy(tile_url: str | None = None) -> str:
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tile_url)]))
    styles = " ".join(["'self'", *vis_style_hashes()])
    return "; ".join([
        "default-src 'self'", "script-src 'self'", f"style-src {styles}", f"img-src {images}",
        "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ])


def add_headers(response: Response) -> Response:
    """The one place the security headers are set: an ``after_request`` of the whole app."""
    settings = current_app.config.get("SETTINGS")
    response.headers["Content-Security-Policy"] = policy(getattr(settings, "tile_url", None))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    if response.mimetype == "text/html":  # pages revalidate; the API sets its own caching
        response.headers.setdefault("Cache-Control", "no-cache")
    return response
