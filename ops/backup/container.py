"""A backup's plaintext: a sequence of typed, length-prefixed frames, produced and read
as a stream (the age encryption around it is ``ops.backup.snapshot``/``restore``'s).

Layout: ``MAGIC``, then frames of one kind byte, a 4-byte big-endian length and the
payload:

- ``H`` the header (JSON: format, version, created at);
- ``N`` nodes and ``R`` relationships, up to :data:`BATCH` records of JSON Lines each;
- ``F`` a file's start (JSON: sha256, size), then ``D`` frames of its bytes;
- ``M`` the manifest (JSON: counts and SHA-256 hashes of every part and file);
- ``Z`` the end: the SHA-256 (hex) of every byte before it.

A tar file would need each member's size before its bytes, which the graph's parts do not
have until they are read; frames let the backup write as it reads, with no plaintext
spooled to disk. The ``Z`` frame makes a cut-short stream an error even where the
decryption did not say so yet.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator

MAGIC = b"FOOTPRINTS-BACKUP\n"
FORMAT = "footprints-backup"
VERSION = 1
HEADER, NODES, RELATIONSHIPS, FILE, DATA, MANIFEST, END = (b"H", b"N", b"R", b"F", b"D",
                                                           b"M", b"Z")
KINDS = {HEADER, NODES, RELATIONSHIPS, FILE, DATA, MANIFEST, END}
#: Records per node or relationship frame (the restore writes one frame per transaction).
BATCH = 1000
#: Bytes of a file per data frame.
CHUNK = 1 << 20
_MAX_FRAME = 64 << 20


class BackupError(Exception):
    """A backup cannot be written, read or restored (the message says why)."""


def frame(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def json_frame(kind: bytes, data: dict) -> bytes:
    return frame(kind, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


class Hashed:
    """Frames with the running SHA-256 of everything they produced, for the ``Z`` frame."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def __call__(self, data: bytes) -> bytes:
        self.digest.update(data)
        return data

    def end(self) -> bytes:
        return frame(END, self.digest.hexdigest().encode("ascii"))


class Parser:
    """Frames from bytes pushed in as they are decrypted (``feed``), handed to ``handle``
    one by one; :meth:`close` checks the stream ended exactly after its ``Z`` frame."""

    def __init__(self, handle: Callable[[bytes, bytes], None]) -> None:
        self.handle = handle
        self.buffer = bytearray()
        self.digest = hashlib.sha256()
        self.started = self.ended = False

    def feed(self, data: bytes) -> None:
        if self.ended and data:
            raise BackupError("the backup has data after its end")
        self.buffer += data
        if not self.started:
            if len(self.buffer) < len(MAGIC):
                return
            if bytes(self.buffer[:len(MAGIC)]) != MAGIC:
                raise BackupError("not a Footprints backup (its decrypted content does not "
                                  "begin as one)")
            self.digest.update(MAGIC)
            del self.buffer[:len(MAGIC)]
            self.started = True
        while len(self.buffer) >= 5 and not self.ended:
            kind, size = bytes(self.buffer[:1]), int.from_bytes(self.buffer[1:5], "big")
            if kind not in KINDS or size > _MAX_FRAME:
                raise BackupError("the backup is damaged: an unknown frame")
            if len(self.buffer) < 5 + size:
                return
            payload = bytes(self.buffer[5:5 + size])
            if kind == END:
                if payload.decode("ascii", "replace") != self.digest.hexdigest():
                    raise BackupError("the backup is damaged: its content does not match "
                                      "its final checksum")
                self.ended = True
            else:
                self.digest.update(self.buffer[:5 + size])
            del self.buffer[:5 + size]
            if kind != END:
                self.handle(kind, payload)
        if self.ended and self.buffer:
            raise BackupError("the backup has data after its end")

    def close(self) -> None:
        if not self.ended:
            raise BackupError("the backup is cut short: it ends before its last frame "
                              "(an interrupted copy or write?)")


def records(payload: bytes) -> Iterator[dict]:
    """The records of a node or relationship frame."""
    for line in payload.splitlines():
        yield json.loads(line)


def batches(rows: Iterable[dict], kind: bytes, size: int = BATCH) -> Iterator[tuple[bytes, int]]:
    """Frames of ``kind`` holding up to ``size`` rows each, with how many rows each holds."""
    buffer, count = io.BytesIO(), 0
    for row in rows:
        buffer.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        buffer.write(b"\n")
        count += 1
        if count == size:
            yield frame(kind, buffer.getvalue()), count
            buffer, count = io.BytesIO(), 0
    if count:
        yield frame(kind, buffer.getvalue()), count


class StreamReader(io.RawIOBase):
    """A readable file over an iterator of byte chunks: what pyrage's ``encrypt_io`` pulls
    the plaintext from as it is produced. An exception of the producer is kept in
    :attr:`error` (pyrage reports only its text)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.pending = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            while not len(self.pending):
                self.pending = memoryview(next(self.chunks))
        except StopIteration:
            return 0
        except BaseException as exc:
            self.error = exc
            raise
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


class ParserWriter(io.RawIOBase):
    """A writable file that feeds a :class:`Parser`: what pyrage's ``decrypt_io`` writes the
    plaintext to, as it decrypts."""

    def __init__(self, parser: Parser) -> None:
        self.parser = parser

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parser.feed(bytes(data))
        return len(data)
