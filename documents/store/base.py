"""What every file store backend shares: the results, the errors, the interface, and the
one copy loop that hashes and measures a stream while it is written.

A file is named by the SHA-256 of its bytes (lowercase hex), so a name says what the bytes
must be: ``rehash`` recomputes it and ``documents.verify`` compares the two.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

#: The two areas, kept apart structurally: the vault's originals (never served to the
#: public) and the public copies and thumbnails (the only area the public site reads).
AREAS = ("originals", "public")
#: How much of a stream is read at a time.
CHUNK = 1 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Stored:
    """A stored file: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


class StoreError(Exception):
    """The file store cannot do what was asked (the message says why)."""


class Missing(StoreError):
    """No file of that hash is stored."""


class TooLarge(StoreError):
    """The stream was longer than the limit; nothing of it was kept."""


class FileStore(Protocol):
    """A content-addressed store of one area's files (documents/store/local.py, s3.py)."""

    area: str

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> Stored:
        """Store the stream's bytes under their hash, atomically: the file appears whole or
        not at all. Bytes already stored are not written again. More than ``max_bytes``
        raises :class:`TooLarge` and keeps nothing (None: no limit)."""

    def put_bytes(self, data: bytes) -> Stored: ...

    def open(self, sha256: str) -> BinaryIO:
        """The file, for reading (seekable); raises :class:`Missing`."""

    def size(self, sha256: str) -> int: ...

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` inclusive (an HTTP range; an end past the file's last
        byte stops there); a range that starts past the end raises ValueError."""

    def exists(self, sha256: str) -> bool: ...

    def delete(self, sha256: str) -> None:
        """Remove the file (durably: a withdrawn public copy must not come back after a
        crash); no error if there is none."""

    def hashes(self) -> Iterator[str]:
        """Every stored hash (not the temporary files of puts under way)."""

    def rehash(self, sha256: str) -> str:
        """The SHA-256 of the bytes stored under ``sha256`` (equal to it unless damaged)."""


def check_hash(sha256: str) -> str:
    """``sha256`` if it is a lowercase hex SHA-256; otherwise :class:`Missing`: nothing can
    be stored under another name, and a name like ``../x`` must never reach a path or key."""
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise Missing(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def is_hash(name: str) -> bool:
    return bool(_SHA256.fullmatch(name))


def check_range(start: int, end: int, size: int) -> tuple[int, int]:
    """``(start, end)`` of an inclusive byte range within a file of ``size`` bytes, the end
    cut to the last byte (as HTTP does); ValueError for a range no byte satisfies."""
    if start < 0 or end < start:
        raise ValueError(f"not a byte range: {start}-{end}")
    if start >= size:
        raise ValueError(f"the range {start}-{end} starts past the end of a {size}-byte file")
    return start, min(end, size - 1)


def copy_hashing(stream: BinaryIO, out: BinaryIO, max_bytes: int | None,
                 *extra: Any) -> tuple[str, int]:
    """Copy ``stream`` to ``out`` while hashing it (SHA-256, and any ``extra`` hashlib
    objects, e.g. the MD5 an S3 upload is checked with);
    return the hex digest and the size. Raises :class:`TooLarge` as soon as more than
    ``max_bytes`` have come, before they are written."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(f"the file is larger than the limit of {_human(max_bytes)}")
        digest.update(chunk)
        for other in extra:
            other.update(chunk)
        out.write(chunk)
    return digest.hexdigest(), size


def hash_stream(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.4g} {unit}"
        size /= 1024
    raise AssertionError("unreachable")
