"""The S3 backend: one bucket of any S3-compatible object store, keys ``<area>/<sha256>``.

A put first streams into a spool (memory for a small file, else an anonymous temporary
file under ``spool_dir``, which vanishes with the process whatever way it ends) while
hashing and measuring, so that the limit is enforced and the name known before anything
reaches the bucket. It is then uploaded under its hash's key: in one PUT checked by
Content-MD5 (the server refuses bytes that differ from what was sent), or, above
``multipart_threshold``, in parts each checked by the SDK's checksum. An object appears
in S3 whole or not at all, so a crash mid-put leaves no object under a hash's key; what a
multipart upload cut short leaves (parts, invisible as objects) is aborted by
:meth:`S3FileStore.sweep_temp`.

The two areas share the bucket but never a key (``originals/…``, ``public/…``); nothing
here makes an object public: every read goes through the app.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from documents.store.base import (
    CHUNK,
    Missing,
    Stored,
    StoreError,
    check_hash,
    check_range,
    copy_hashing,
    hash_stream,
    is_hash,
)

#: A put's bytes are spooled in memory up to this size, on disk beyond.
SPOOL_IN_MEMORY = 8 * 2**20
#: Above this size an upload goes in parts (S3 takes at most 5 GiB in one PUT).
MULTIPART_THRESHOLD = 64 * 2**20


@lru_cache(maxsize=8)
def client(endpoint: str | None, region: str, access_key: str | None,
           secret_key: str | None) -> Any:
    """A boto3 S3 client (thread-safe, so one per configuration). With an endpoint (an
    S3-compatible server), buckets are addressed in the path, which every such server
    understands; without keys, boto3's own credential chain applies."""
    import boto3
    from botocore.config import Config

    config = Config(s3={"addressing_style": "path"} if endpoint else {},
                    retries={"max_attempts": 3, "mode": "standard"},
                    connect_timeout=5, read_timeout=60)
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=access_key,
        aws_secret_access_key=secret_key, config=config)


class S3FileStore:
    """One area's objects in ``bucket`` under ``<area>/``."""

    def __init__(self, s3: Any, bucket: str, area: str, *, spool_dir: Path | None = None,
                 multipart_threshold: int = MULTIPART_THRESHOLD) -> None:
        self.area = area
        self.bucket = bucket
        self.s3 = s3
        self.spool_dir = spool_dir
        self.multipart_threshold = multipart_threshold

    def key(self, sha256: str) -> str:
        return f"{self.area}/{check_hash(sha256)}"

    # -- writing -----------------------------------------------------------------
    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> Stored:
        if self.spool_dir is not None:
            self.spool_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, dir=self.spool_dir) as spool:
            md5 = hashlib.md5(usedforsecurity=False)
            sha256, size = copy_hashing(stream, spool, max_bytes, md5)
            if self._head_size(sha256) == size:
                return Stored(sha256, size)  # the same bytes are there already
            spool.seek(0)
            with self._errors("upload", sha256):
                if size <= self.multipart_threshold:
                    self.s3.put_object(Bucket=self.bucket, Key=self.key(sha256), Body=spool,
                                       ContentLength=size,
                                       ContentMD5=base64.b64encode(md5.digest()).decode())
                else:
                    from boto3.s3.transfer import TransferConfig

                    part = max(self.multipart_threshold, 5 * 2**20)  # S3's smallest part
                    self.s3.upload_fileobj(spool, self.bucket, self.key(sha256), Config=TransferConfig(
                        multipart_threshold=self.multipart_threshold, multipart_chunksize=part,
                        max_concurrency=4))
            if self._head_size(sha256) != size:
                raise StoreError(f"{self.area}/{sha256}: the object stored is not the size sent")
            return Stored(sha256, size)

    def put_bytes(self, data: bytes) -> Stored:
        return self.put(io.BytesIO(data))

    def delete(self, sha256: str) -> None:
        try:
            key = self.key(sha256)
        except Missing:
            return
        with self._errors("delete", sha256):
            self.s3.delete_object(Bucket=self.bucket, Key=key)

    def sweep_temp(self, older_than: float) -> int:
        """Abort this area's multipart uploads begun more than ``older_than`` seconds ago
        (a younger one may be a put under way): the parts of puts cut short. Returns how
        many. (The spool needs no sweeping: its files have no name.)"""
        cutoff = datetime.now(UTC) - timedelta(seconds=older_than)
        aborted = 0
        with self._errors("sweep", None):
            pages = self.s3.get_paginator("list_multipart_uploads").paginate(
                Bucket=self.bucket, Prefix=f"{self.area}/")
            for page in pages:
                for upload in page.get("Uploads", []):
                    if upload["Initiated"] <= cutoff:
                        self.s3.abort_multipart_upload(Bucket=self.bucket, Key=upload["Key"],
                                                       UploadId=upload["UploadId"])
                        aborted += 1
        return aborted

    # -- reading -----------------------------------------------------------------
    def open(self, sha256: str) -> BinaryIO:
        """A seekable reader that fetches bytes as they are read (one ranged GET per run of
        sequential reads), never the whole object at once."""
        size = self.size(sha256)
        return io.BufferedReader(_ObjectReader(self, self.key(sha256), size), CHUNK)

    def size(self, sha256: str) -> int:
        size = self._head_size(sha256)
        if size is None:
            raise Missing(f"no stored file {sha256} in {self.area}")
        return size

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        start, end = check_range(start, end, self.size(sha256))
        with self._errors("read", sha256):
            body = self.s3.get_object(Bucket=self.bucket, Key=self.key(sha256),
                                      Range=f"bytes={start}-{end}")["Body"]
            with body:
                return body.read()

    def exists(self, sha256: str) -> bool:
        try:
            return self._head_size(sha256) is not None
        except Missing:
            return False

    def hashes(self) -> Iterator[str]:
        prefix = f"{self.area}/"
        with self._errors("list", None):
            pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                     Prefix=prefix)
            for page in pages:
                for obj in page.get("Contents", []):
                    name = obj["Key"][len(prefix):]
                    if is_hash(name):
                        yield name

    def rehash(self, sha256: str) -> str:
        with self._errors("read", sha256):
            body = self.s3.get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"]
            with body:
                return hash_stream(body)

    # -- helpers -------------------------------------------------------------------
    def _head_size(self, sha256: str) -> int | None:
        """The object's size, or None if there is none."""
        from botocore.exceptions import ClientError

        key = self.key(sha256)
        with self._errors("look up", sha256):
            try:
                return self.s3.head_object(Bucket=self.bucket, Key=key)["ContentLength"]
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                    return None
                raise

    @contextmanager
    def _errors(self, action: str, sha256: str | None) -> Iterator[None]:
        """Turns what boto3 raises into :class:`StoreError` (a missing key into
        :class:`Missing`), so that callers handle one kind of error whatever the backend."""
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except (ClientError, BotoCoreError, Boto3Error) as exc:
            raise self._error(action, sha256, exc) from exc

    def _error(self, action: str, sha256: str | None, exc: Exception) -> StoreError:
        """The store's error for what S3 (or the way to it) answered."""
        from botocore.exceptions import ClientError

        what = f"{self.area}/{sha256}" if sha256 else self.area
        if isinstance(exc, ClientError):
            error = exc.response.get("Error", {})
            code = error.get("Code")
            if code in ("NoSuchKey", "404") and sha256:
                return Missing(f"no stored file {sha256} in {self.area}")
            if code == "NoSuchBucket":
                return StoreError(f"the bucket {self.bucket!r} does not exist "
                                  f"({self.s3.meta.endpoint_url})")
            return StoreError(f"S3 refused to {action} {what}: {code} {error.get('Message', '')}")
        return StoreError(f"S3 could not {action} {what}: {exc}")


class _ObjectReader(io.RawIOBase):
    """An S3 object as a seekable raw stream: reads continue one streaming GET from the
    current position; a seek closes it and the next read opens another there."""

    def __init__(self, store: S3FileStore, key: str, size: int) -> None:
        self._store, self._key, self._size = store, key, size
        self._pos = 0
        self._body = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        if base + offset != self._pos:
            self._drop()
            self._pos = base + offset
        return self._pos

    def readinto(self, buffer) -> int:
        if self._pos >= self._size or len(buffer) == 0:
            return 0
        if self._body is None:
            with self._store._errors("read", self._key.rpartition("/")[2]):
                self._body = self._store.s3.get_object(
                    Bucket=self._store.bucket, Key=self._key, Range=f"bytes={self._pos}-")["Body"]
        data = self._body.read(len(buffer))
        if not data:
            raise StoreError(f"{self._key}: the object ended at byte {self._pos} of {self._size}")
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        self._drop()
        super().close()

    def _drop(self) -> None:
        if self._body is not None:
            self._body.close()
            self._body = None
