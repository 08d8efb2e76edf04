"""Serving a stored file over HTTP, said once for the public site and the vault: single
byte ranges (so that a video or audio player can seek), and PDF pages drawn as images.

Both callers decide first which file a request may have and from which area of the file
store (the public site: the public area, and only while a public document carries the
hash; the vault: the originals area, for a document the user may see); this module only
sends the bytes.

Range requests follow RFC 9110 section 14: one ``bytes=first-last`` (or ``bytes=-suffix``)
range is answered 206 with its part; a header of another unit, or asking for several
ranges, is ignored (the whole file, 200); a ``bytes=`` range that is malformed, longer
than any file could be, or outside the file is refused with 416 and ``Content-Range:
bytes */<size>`` (werkzeug's ``RequestedRangeNotSatisfiable``, which the error handlers
answer in their own shape).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from flask import Response, current_app
from werkzeug.exceptions import RequestedRangeNotSatisfiable

#: One range; at most 18 digits a side (no file is an exabyte: a longer number is an attack
#: on int(), not a request).
ONE_RANGE = re.compile(r"^(\d{0,18})-(\d{0,18})$")
#: Bytes sent per chunk of a streamed answer.
CHUNK = 1 << 20
#: Width of a rendered PDF page, in pixels.
PAGE_WIDTH = 1000
#: Pages kept rendered per process (a file under a hash never changes).
PAGES_KEPT = 64


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end)`` (inclusive) of a single-range ``Range`` header; None for the whole
    file (no header, another unit, or several ranges); raises
    ``RequestedRangeNotSatisfiable`` for a bytes range that is malformed or not in the file."""
    if not header:
        return None
    unit, _, ranges = header.strip().partition("=")
    if unit.strip().lower() != "bytes":
        return None  # a unit we do not know is ignored (RFC 9110, 14.2)
    if "," in ranges:
        return None  # several ranges: this server sends the whole file instead
    match = ONE_RANGE.match(ranges.strip())
    if not match or not any(match.groups()):
        raise RequestedRangeNotSatisfiable(length=size)
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RequestedRangeNotSatisfiable(length=size)
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise RequestedRangeNotSatisfiable(length=size)
    return start, end


def _chunks(area, sha256: str, start: int, end: int) -> Iterator[bytes]:
    position = start
    while position <= end:
        last = min(position + CHUNK - 1, end)
        yield area.read_range(sha256, position, last)
        position = last + 1


def send(area, sha256: str, media_type: str, range_header: str | None, *,
         cache_control: str, disposition: str = "inline") -> Response:
    """The stored file ``sha256`` of ``area``, whole (200) or the one range asked for (206),
    streamed in chunks, as ``media_type``."""
    size = area.size(sha256)
    headers = {"Accept-Ranges": "bytes", "Cache-Control": cache_control,
               "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"}
    if media_type.startswith("text/plain"):
        media_type = "text/plain; charset=utf-8"  # text is accepted as UTF-8 only
    wanted = parse_range(range_header, size)
    if wanted is None:
        return Response(_chunks(area, sha256, 0, size - 1), mimetype=media_type,
                        headers={**headers, "Content-Length": str(size)})
    start, end = wanted
    return Response(_chunks(area, sha256, start, end), status=206, mimetype=media_type,
                    headers={**headers, "Content-Length": str(end - start + 1),
                             "Content-Range": f"bytes {start}-{end}/{size}"})


def page_png(area_name: str, sha256: str, number: int) -> bytes:
    """Page ``number`` (1-based, checked by the caller against the document's pages) of the
    PDF ``sha256`` in the file store's area ``area_name`` ("public" or "originals"), as a
    PNG. Drawn once per process and kept (the key names the area: a vault page is never
    handed to the public site, which asks for its own area's hashes only)."""
    return _render(area_name, sha256, number)


@lru_cache(maxsize=PAGES_KEPT)
def _render(area_name: str, sha256: str, number: int) -> bytes:
    from documents.media import render_page

    area = getattr(current_app.extensions["footprints.stores"].files, area_name)
    with tempfile.TemporaryDirectory(prefix="footprints-page-") as work:
        path = Path(work) / "file.pdf"
        with area.open(sha256) as src, path.open("wb") as dst:
            while chunk := src.read(CHUNK):
                dst.write(chunk)
        return render_page(path, number, width=PAGE_WIDTH)


def page_response(area_name: str, sha256: str, number: int, cache_control: str) -> Response:
    """:func:`page_png` as an answer."""
    return Response(page_png(area_name, sha256, number), mimetype="image/png",
                    headers={"Cache-Control": cache_control})


#: What may not stand in a quoted file name of a header: quotes, backslashes, controls.
_UNSAFE_NAME = re.compile(r'["\\\x00-\x1f\x7f]')


def disposition(filename: str | None, kind: str = "inline") -> str:
    """``Content-Disposition`` with the name a file was uploaded with (RFC 6266: an ASCII
    fallback and the UTF-8 name), folders and control characters dropped: a name is the
    uploader's text and must not break the header."""
    if not filename:
        return kind
    name = _UNSAFE_NAME.sub("", filename.replace("\\", "/").rsplit("/", 1)[-1])[:200]
    if not name:
        return kind
    fallback = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


#: A page number as a route takes it: ASCII digits only (``str.isdigit`` also takes other
#: scripts' digits), at most nine (no document has a billion pages).
_PAGE_NUMBER = re.compile(r"^[0-9]{1,9}$")


def page_number(text: str) -> int | None:
    """The page a route's ``<number>`` names, or None for anything that is not one."""
    return int(text) if _PAGE_NUMBER.match(text) else None
