"""A JPEG's structure, read without decoding: its segments up to the image data, what lies
after the image's end. Used to strip metadata from JPEG images inside PDFs losslessly and
to find data hidden after a photo (a motion photo's video, a vendor's trailer)."""

from __future__ import annotations

from collections.abc import Iterator

SOI, SOS, EOI = 0xD8, 0xDA, b"\xff\xd9"
#: Segments kept by ``strip``: JFIF's density (APP0) and Adobe's colour transform (APP14,
#: needed to decode CMYK and YCCK images right).
KEEP = {0xE0, 0xEE}


def segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """``(marker, start, end)`` of each segment before the image data, then ``(SOS, start,
    len(data))`` for the rest. Stops early on bytes that are not a JPEG's."""
    if not data.startswith(b"\xff\xd8"):
        return
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return
        marker = data[at + 1]
        if marker == 0xFF:                     # a fill byte
            at += 1
            continue
        if marker == SOS:
            yield marker, at, len(data)
            return
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        yield marker, at, end
        at = end


def strip(data: bytes) -> bytes:
    """The JPEG without application segments (but ``KEEP``) and comments; the compressed
    image is copied as is. ``data`` unchanged when it is not a JPEG we can walk."""
    out, found_scan = bytearray(b"\xff\xd8"), False
    for marker, start, end in segments(data):
        if marker == SOS:
            found_scan = True
        elif (0xE0 <= marker <= 0xEF and marker not in KEEP) or marker == 0xFE:
            continue
        out += data[start:end]
    return bytes(out) if found_scan else data


def trailer(data: bytes) -> int:
    """How many bytes other than zero padding follow the end of the (first) image.

    After the start of scan, every 0xFF in the compressed data is followed by 0x00 or a
    restart marker, so the first FF D9 is the image's end.
    """
    scan = next((start for marker, start, _ in segments(data) if marker == SOS), None)
    if scan is None:
        return 0
    end = data.find(EOI, scan)
    if end < 0:
        return 0
    rest = data[end + 2:]
    return len(rest) if rest.strip(b"\x00") else 0
