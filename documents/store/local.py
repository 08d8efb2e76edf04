"""The local backend: files on this machine's disk, ``<root>/<area>/<sha[:2]>/<sha[2:4]>/<sha>``.

A put streams into a temporary file under ``<root>/<area>/.incoming/`` while hashing, syncs
it to disk, renames it to its hash's name (rename is atomic within a file system) and syncs
the directory, so that the name is durable too. A crash or kill -9 at any moment leaves
either no file under the hash's name or the whole file; what it can leave is a temporary
file, which :meth:`LocalFileStore.hashes` never lists and
:meth:`LocalFileStore.sweep_temp` removes. Stored files are read-only: nothing rewrites
a content-addressed file in place.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from documents.store.base import (
    Missing,
    Stored,
    check_hash,
    check_range,
    copy_hashing,
    hash_stream,
    is_hash,
)

#: Where puts under way write (a dot name: never two hex digits, so never a hash's folder).
INCOMING = ".incoming"
TEMP_SUFFIX = ".part"


class LocalFileStore:
    """One area's files under ``root/area``."""

    def __init__(self, root: Path, area: str) -> None:
        self.area = area
        self.dir = Path(root) / area

    def path(self, sha256: str) -> Path:
        """Where the file of ``sha256`` is (whether or not it exists)."""
        sha256 = check_hash(sha256)
        return self.dir / sha256[:2] / sha256[2:4] / sha256

    # -- writing -----------------------------------------------------------------
    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> Stored:
        incoming = self.dir / INCOMING
        _make_dirs(incoming)
        fd, tmp_name = tempfile.mkstemp(dir=incoming, prefix="put-", suffix=TEMP_SUFFIX)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                sha256, size = copy_hashing(stream, out, max_bytes)
                out.flush()
                os.fsync(out.fileno())
            final = self.path(sha256)
            try:
                if final.stat().st_size == size:
                    tmp.unlink()  # the same bytes are there already: not written again
                    return Stored(sha256, size)
                # Same name, another size: the stored file is damaged; the new one replaces it.
            except FileNotFoundError:
                pass
            _make_dirs(final.parent)
            tmp.chmod(0o400)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return Stored(sha256, size)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes) -> Stored:
        return self.put(io.BytesIO(data))

    def delete(self, sha256: str) -> None:
        try:
            path = self.path(sha256)
        except Missing:
            return
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _fsync_dir(path.parent)

    def sweep_temp(self, older_than: float) -> int:
        """Remove the temporary files of puts that ended without finishing (a crash, a kill)
        and were last written more than ``older_than`` seconds ago (a younger one may belong
        to a put still under way, in this process or another). Returns how many."""
        incoming = self.dir / INCOMING
        if not incoming.is_dir():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for path in incoming.iterdir():
            try:
                if path.name.endswith(TEMP_SUFFIX) and path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # finished or swept meanwhile
                continue
        return removed

    # -- reading -----------------------------------------------------------------
    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path(sha256), "rb")  # the caller closes it
        except FileNotFoundError:
            raise Missing(f"no stored file {sha256} in {self.area}") from None

    def size(self, sha256: str) -> int:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            raise Missing(f"no stored file {sha256} in {self.area}") from None

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        with self.open(sha256) as f:
            start, end = check_range(start, end, os.fstat(f.fileno()).st_size)
            f.seek(start)
            return f.read(end - start + 1)

    def exists(self, sha256: str) -> bool:
        try:
            return self.path(sha256).is_file()
        except Missing:
            return False

    def hashes(self) -> Iterator[str]:
        if not self.dir.is_dir():
            return
        for first in sorted(self.dir.iterdir()):
            if len(first.name) != 2 or not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                if len(second.name) != 2 or not second.is_dir():
                    continue
                for path in sorted(second.iterdir()):
                    name = path.name
                    if is_hash(name) and name[:2] == first.name and name[2:4] == second.name:
                        yield name

    def rehash(self, sha256: str) -> str:
        with self.open(sha256) as f:
            return hash_stream(f)


def _make_dirs(path: Path) -> None:
    """``mkdir -p`` whose new entries are durable: each directory created is synced into
    its parent (only the owner may read: these are the vault's files)."""
    missing = []
    while not path.is_dir():
        missing.append(path)
        path = path.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:  # another put made it meanwhile
            continue
        _fsync_dir(new.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
