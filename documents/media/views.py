"""What a file is like and how it is shown: its size (pages, pixels, duration), a thumbnail,
a PDF page as a picture. Every picture made here is drawn afresh and carries no metadata.
"""

from __future__ import annotations

import io
from pathlib import Path

from documents.media import av, images, pdfs
from documents.media.kinds import MediaType

#: The widest thumbnail and page rendering asked for (a request's width is checked against it).
MAX_THUMBNAIL_WIDTH = 1200
MAX_PAGE_WIDTH = 3000


def probe(path: Path, media: MediaType) -> dict:
    """``{"pages": n}`` for a PDF (and a text file: 1), ``{"width", "height"}`` for an image
    as shown (with ``"pages"`` for a multi-page TIFF), ``{"duration", "width", "height"}``
    for a video, ``{"duration"}`` for audio (seconds, ffprobe, with a timeout)."""
    path = Path(path)
    if media.family == "pdf":
        return {"pages": pdfs.page_count(path)}
    if media.family == "image":
        return images.probe(path, media)
    if media.family in ("video", "audio"):
        return av.probe(path, media)
    return {"pages": 1}


def _check_width(width: int, largest: int) -> None:
    if not isinstance(width, int) or not 16 <= width <= largest:
        raise ValueError(f"width must be a whole number of pixels from 16 to {largest}")


def thumbnail(path: Path, media: MediaType, dst: Path, *, width: int = 320) -> bool:
    """Write a JPEG thumbnail ``width`` pixels across to ``dst``: the first page of a PDF
    (pypdfium2), an image, a frame of a video (ffmpeg, with a timeout). Returns False, and
    writes nothing, for audio, text and a video without pictures."""
    _check_width(width, MAX_THUMBNAIL_WIDTH)
    path, dst = Path(path), Path(dst)
    if media.family == "pdf":
        images.save_thumbnail(pdfs.render(path, 1, width=width), dst, width)
        return True
    if media.family == "image":
        return images.thumbnail(path, media, dst, width)
    if media.family == "video":
        return av.thumbnail(path, media, dst, width)
    return False


def render_page(path: Path, number: int, *, width: int = 1000) -> bytes:
    """Page ``number`` (from 1) of a PDF as a PNG ``width`` pixels across (fewer for a page
    so large that it would pass ``limits.MAX_RENDER_PIXELS``). Raises ``IndexError`` for a
    page the document does not have, ``ValueError`` for a width out of range."""
    _check_width(width, MAX_PAGE_WIDTH)
    page = pdfs.render(Path(path), number, width=width)
    out = io.BytesIO()
    page.save(out, format="PNG", optimize=False)
    return out.getvalue()
