"""Public documents: their files, their pages as images, and a search over their text.

Files come from the public file area only, and only while the public graph holds a public
document that carries the hash (``service.public.documents.public_file``): an original,
or the copy of a document that was withdrawn a moment ago, is a 404 like any unknown hash.
Video and audio are served with HTTP range requests, so that a player can seek.
"""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path

from flask import Response, abort, g, render_template, request

from service.pages.blueprint import blp
from service.public import documents

SHA256 = re.compile(r"^[0-9a-f]{64}$")
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
#: Bytes sent per chunk of a streamed answer.
CHUNK = 1 << 20
#: Width of a rendered PDF page, in pixels.
PAGE_WIDTH = 1000


@blp.route("/files/<sha256>")
def public_file(sha256: str):
    if not SHA256.match(sha256):
        abort(404)
    info = documents.public_file(sha256)
    area = documents.file_area()
    if info is None or not area.exists(sha256):
        abort(404)
    size = area.size(sha256)
    headers = {"Accept-Ranges": "bytes", "Cache-Control": "public, max-age=300",
               "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff"}
    wanted = _range(request.headers.get("Range"), size)
    if wanted == "unsatisfiable":
        return Response(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    if wanted is None:
        return Response(_stream(area, sha256, 0, size - 1), mimetype=info["media_type"],
                        headers={**headers, "Content-Length": str(size)})
    start, end = wanted
    return Response(_stream(area, sha256, start, end), status=206, mimetype=info["media_type"],
                    headers={**headers, "Content-Length": str(end - start + 1),
                             "Content-Range": f"bytes {start}-{end}/{size}"})


def _range(header: str | None, size: int):
    """``(start, end)`` of a single-range ``Range`` header, None for the whole file (no
    header, or one this server does not honour: several ranges), or "unsatisfiable"."""
    if not header:
        return None
    match = RANGE.match(header.strip())
    if not match or not any(match.groups()):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


def _stream(area, sha256: str, start: int, end: int):
    position = start
    while position <= end:
        last = min(position + CHUNK - 1, end)
        yield area.read_range(sha256, position, last)
        position = last + 1


@blp.route("/documents/<uid>/pages/<int:number>.png")
def page_image(uid: str, number: int):
    """One page of a public PDF document as an image (the page viewer)."""
    from service.public import entities

    record = entities.get_entity("documents", uid, g.lang)
    props = (record or {}).get("properties", {})
    sha = props.get("public_sha256")
    if not sha or props.get("public_media_type") != "application/pdf" or number < 1 \
            or number > (props.get("pages") or 0) or documents.public_file(sha) is None:
        abort(404)
    png = _render(sha, number)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "public, max-age=300"})


@lru_cache(maxsize=64)
def _render(sha256: str, number: int) -> bytes:
    """A page rendered once per process (a file under a hash never changes)."""
    from documents.media import render_page

    area = documents.file_area()
    with tempfile.TemporaryDirectory(prefix="footprints-page-") as work:
        path = Path(work) / "copy.pdf"
        with area.open(sha256) as src, path.open("wb") as dst:
            while chunk := src.read(CHUNK):
                dst.write(chunk)
        return render_page(path, number, width=PAGE_WIDTH)


@blp.route("/documents/text")
def search_text():
    """Search the text of public documents: each hit with its page and a snippet."""
    text = (request.args.get("q") or "").strip()[:200]
    try:
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        abort(400)
    result = documents.search_text(text, page=page, lang=g.lang) if text else None
    return render_template("document_search.html", q=text, result=result)
