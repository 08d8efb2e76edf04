"""Public copies and the metadata a file carries, for every family: the one entry point the
callers use, handing each family to its module (images.py, pdfs.py, av.py).

The original is only ever read. A public copy is written to ``dst`` (removed again when it
cannot be completed) in the original's format, so it is served with the same media type.
"""

from __future__ import annotations

from pathlib import Path

from documents.media import av, images, pdfs, text
from documents.media.kinds import MediaType


def public_copy(src: Path, media: MediaType, dst: Path) -> None:
    """Write the public copy of ``src`` to ``dst``: the same content without the metadata
    that could identify who made, held or sent it.

    - images: re-encoded from the pixels (Pillow) without EXIF (GPS, camera serials, maker
      notes), XMP, IPTC, comments or ICC profile; orientation applied to the pixels;
    - PDFs: without /Info, XMP, embedded files, JavaScript and code actions, attachments,
      comment authors, signatures, JPEG metadata and file identifier (pikepdf);
    - video and audio: remuxed without tags, chapters and streams other than pictures and
      sound (ffmpeg ``-map_metadata -1 -map_chapters -1 -c copy``);
    - text: the same bytes, once the whole file is known to be UTF-8 (text has no hidden
      metadata).

    Raises ``Refused`` when the file cannot be read as its type or a clean copy cannot be
    written (e.g. a PDF behind a password); ffmpeg runs with a timeout (limits.py).
    """
    src, dst = Path(src), Path(dst)
    if media.family == "image":
        images.public_copy(src, media, dst)
    elif media.family == "pdf":
        pdfs.public_copy(src, dst)
    elif media.family in ("video", "audio"):
        av.public_copy(src, media, dst)
    else:
        text.read_text(src)
        dst.write_bytes(src.read_bytes())


def read_metadata(path: Path, media: MediaType) -> dict[str, str]:
    """The identifying metadata ``path`` carries, by a readable key (see each family's
    ``read_metadata``): empty for a public copy. Text carries none."""
    path = Path(path)
    if media.family == "image":
        return images.read_metadata(path, media)
    if media.family == "pdf":
        return pdfs.read_metadata(path)
    if media.family in ("video", "audio"):
        return av.read_metadata(path, media)
    return {}
