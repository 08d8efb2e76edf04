"""The file store's contract, run against both backends: the local disk and a real S3
server (S3Proxy). What one backend does, the other does too: content addressing, dedup,
the size limit, missing and malformed names, separate areas, ranges, and no half file
after a kill -9 in the middle of a put."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from documents.store import AREAS, Missing, Stored, StoreError, TooLarge, open_store
from graph.settings import REPO_ROOT
from tests.support.files import damage, files_env, raw_files

MiB = 2**20


def blob(size: int, seed: int = 0) -> bytes:
    """``size`` bytes that are not all alike (a pattern repeated would hide an offset bug)."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def originals(files_settings):
    return open_store(files_settings, "originals")


def test_a_file_is_stored_under_its_hash_and_read_back(originals):
    data = blob(3 * MiB + 17)
    stored = originals.put_bytes(data)
    assert stored == Stored(sha(data), len(data))
    assert originals.exists(stored.sha256) and originals.size(stored.sha256) == len(data)
    assert list(originals.hashes()) == [stored.sha256]
    assert originals.rehash(stored.sha256) == stored.sha256
    with originals.open(stored.sha256) as f:
        assert f.read() == data
        assert f.seekable()
        f.seek(MiB + 5)
        assert f.read(10) == data[MiB + 5:MiB + 15]
        f.seek(-7, io.SEEK_END)
        assert f.read() == data[-7:]
        f.seek(3)
        assert f.tell() == 3 and f.read(4) == data[3:7]


def test_ranges_are_inclusive_and_stop_at_the_end(originals):
    data = blob(5000)
    name = originals.put_bytes(data).sha256
    assert originals.read_range(name, 0, 9) == data[:10]
    assert originals.read_range(name, 4999, 4999) == data[-1:]
    assert originals.read_range(name, 4990, 10**9) == data[4990:]  # "bytes=4990-"
    for start, end in ((5000, 5010), (-1, 3), (10, 9)):
        with pytest.raises(ValueError):
            originals.read_range(name, start, end)


def test_a_stream_is_stored_as_it_comes(originals):
    """A stream that cannot seek nor tell its length (a pipe, like an upload's body)."""
    data = blob(5 * MiB + 3, seed=1)
    read_end, write_end = os.pipe()

    def feed():
        with open(write_end, "wb") as w:
            for i in range(0, len(data), 100_000):
                w.write(data[i:i + 100_000])

    feeder = threading.Thread(target=feed)
    feeder.start()
    with open(read_end, "rb", buffering=0) as r:
        stored = originals.put(r)
    feeder.join()
    assert stored == Stored(sha(data), len(data))
    assert originals.open(stored.sha256).read() == data


def test_an_empty_file_is_a_file(originals):
    stored = originals.put_bytes(b"")
    assert stored == Stored(sha(b""), 0)
    assert originals.open(stored.sha256).read() == b""
    assert originals.size(stored.sha256) == 0
    with pytest.raises(ValueError):
        originals.read_range(stored.sha256, 0, 0)


def test_the_same_bytes_are_stored_once(originals, files_settings):
    data = blob(100_000)
    first = originals.put_bytes(data)
    assert originals.put(io.BytesIO(data)) == first
    assert list(originals.hashes()) == [first.sha256]
    assert raw_files(files_settings, "originals") == {
        _where(files_settings, first.sha256): data}


def test_over_the_limit_nothing_is_kept(originals, files_settings):
    data = blob(2 * MiB + 1)
    with pytest.raises(TooLarge, match="larger than the limit of 2 MiB"):
        originals.put(io.BytesIO(data), max_bytes=2 * MiB)
    assert not originals.exists(sha(data))
    assert list(originals.hashes()) == []
    assert raw_files(files_settings, "originals") == {}  # not even a temporary file
    assert originals.put(io.BytesIO(data), max_bytes=len(data)).size == len(data)  # at the limit


def test_an_upload_cut_off_keeps_nothing(originals, files_settings):
    """The client goes away mid-upload: the stream raises, and no trace of it is kept."""

    class CutOff(io.RawIOBase):
        sent = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            if self.sent >= 3 * MiB:
                raise ConnectionResetError("the client went away")
            buffer[:] = b"x" * len(buffer)
            self.sent += len(buffer)
            return len(buffer)

    with pytest.raises(ConnectionResetError):
        originals.put(CutOff())
    assert list(originals.hashes()) == []
    assert raw_files(files_settings, "originals") == {}


def test_what_is_not_stored_is_missing(originals):
    absent = sha(b"never stored")
    assert not originals.exists(absent)
    for call in (originals.open, originals.size, originals.rehash,
                 lambda h: originals.read_range(h, 0, 1)):
        with pytest.raises(Missing):
            call(absent)
    originals.delete(absent)  # no error


@pytest.mark.parametrize("name", ["../../../etc/passwd", "A" * 64, "abc", "", "0" * 63 + "/",
                                  "0" * 64 + "/../x", "..", "originals/" + "0" * 64])
def test_a_name_that_is_not_a_hash_reaches_no_file(originals, files_settings, name):
    originals.put_bytes(b"something")
    assert not originals.exists(name)
    for call in (originals.open, originals.size, originals.rehash):
        with pytest.raises(Missing, match="not a SHA-256"):
            call(name)
    originals.delete(name)
    assert list(originals.hashes()) == [sha(b"something")]


def test_the_areas_are_apart(files_settings):
    originals, public = (open_store(files_settings, area) for area in AREAS)
    secret = originals.put_bytes(b"an original letter")
    assert not public.exists(secret.sha256)
    assert list(public.hashes()) == []
    with pytest.raises(Missing):
        public.open(secret.sha256)
    public.delete(secret.sha256)
    assert originals.exists(secret.sha256)
    copy = public.put_bytes(b"its public copy")
    assert list(originals.hashes()) == [secret.sha256] and list(public.hashes()) == [copy.sha256]
    with pytest.raises(ValueError, match="no file store area"):
        open_store(files_settings, "thumbnails")


def test_delete_removes(originals):
    keep, gone = originals.put_bytes(b"keep"), originals.put_bytes(b"gone")
    originals.delete(gone.sha256)
    assert not originals.exists(gone.sha256)
    assert list(originals.hashes()) == [keep.sha256]


def test_rehash_sees_damage(originals, files_settings):
    name = originals.put_bytes(blob(10_000)).sha256
    damage(files_settings, "originals", name, "flip")
    assert originals.rehash(name) != name


def test_a_new_put_replaces_a_damaged_file_of_another_size(originals, files_settings):
    data = blob(10_000)
    name = originals.put_bytes(data).sha256
    damage(files_settings, "originals", name, "truncate")
    assert originals.size(name) == len(data) - 1
    assert originals.put_bytes(data) == Stored(name, len(data))
    assert originals.rehash(name) == name


def _where(settings, sha256: str) -> str:
    """A file's place within its area, as the backend names it."""
    if settings.files.backend == "local":
        return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"
    return sha256


# -- kill -9 in the middle of a put --------------------------------------------------------
CHILD = """
import io, json, sys, time
from documents.store import open_store
from graph.settings import Settings

env, marker = json.loads(sys.argv[1]), sys.argv[2]
store = open_store(Settings.from_env(env), "originals")

class Endless(io.RawIOBase):
    '''An upload that never ends: after 8 MiB it says so (the marker file), then slows.'''
    sent = 0
    def readable(self):
        return True
    def readinto(self, buffer):
        n = len(buffer)
        buffer[:n] = bytes([self.sent // n % 251]) * n
        self.sent += n
        if self.sent >= 8 * 2**20:
            open(marker, "a").close()
            time.sleep(0.01)
        return n

store.put(Endless())
"""


def test_kill_9_mid_put_leaves_no_half_file(files_settings, tmp_path):
    store = open_store(files_settings, "originals")
    done = store.put_bytes(blob(1000))  # a finished file, to be kept intact
    marker = tmp_path / "mid-put"
    env = files_env(files_settings)
    child = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(env), str(marker)],
                             cwd=REPO_ROOT)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the put ended before it was killed"
            assert time.monotonic() < deadline, "the put never got 8 MiB in"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    # Whatever is left: no file under a hash's name whose bytes are not that hash.
    left = raw_files(files_settings, "originals")
    named = {place: data for place, data in left.items() if not place.startswith(".incoming/")}
    assert named == {_where(files_settings, done.sha256): blob(1000)}
    assert list(store.hashes()) == [done.sha256]
    if files_settings.files.backend == "local":
        # The temporary file of the put is there (so the kill did land mid-write), ignored...
        temps = [place for place in left if place.startswith(".incoming/")]
        assert len(temps) == 1 and temps[0].endswith(".part")
        assert store.sweep_temp(older_than=3600) == 0  # ...young: maybe a put under way
        assert store.sweep_temp(older_than=0) == 1     # ...and swept
    else:
        assert store.sweep_temp(older_than=0) == 0  # the spool has no name: nothing reached S3
    assert raw_files(files_settings, "originals") == {_where(files_settings, done.sha256): blob(1000)}
    assert store.rehash(done.sha256) == done.sha256


# -- what one backend does its own way -------------------------------------------------------
@pytest.mark.parametrize("files_backend", ["local"])
def test_local_files_are_read_only_and_private(originals, files_settings):
    name = originals.put_bytes(b"a letter").sha256
    path = originals.path(name)
    assert path == files_settings.files_dir / "originals" / name[:2] / name[2:4] / name
    assert path.stat().st_mode & 0o777 == 0o400
    assert path.parent.stat().st_mode & 0o777 == 0o700
    inode = path.stat().st_ino
    originals.put_bytes(b"a letter")
    assert path.stat().st_ino == inode  # not written again


def test_local_store_defaults_to_var(settings):
    from dataclasses import replace

    from graph.settings import FileStoreSettings

    store = open_store(replace(settings, files=FileStoreSettings()), "public")
    assert store.dir == settings.var_dir / "files" / "public"


@pytest.mark.parametrize("files_backend", ["s3"])
def test_s3_large_put_goes_in_parts(files_settings):
    from documents.store.s3 import S3FileStore
    from tests.support.files import s3_client

    store = S3FileStore(s3_client(files_settings.files), files_settings.files.s3_bucket,
                        "originals", multipart_threshold=5 * MiB)
    data = blob(12 * MiB + 5, seed=2)
    stored = store.put(io.BytesIO(data))
    assert stored == Stored(sha(data), len(data))
    assert store.rehash(stored.sha256) == stored.sha256
    assert store.read_range(stored.sha256, 6 * MiB, 6 * MiB + 99) == data[6 * MiB:6 * MiB + 100]


@pytest.mark.parametrize("files_backend", ["s3"])
def test_s3_sweep_aborts_stale_multipart_uploads(originals, files_settings):
    from tests.support.files import s3_client

    s3, bucket = s3_client(files_settings.files), files_settings.files.s3_bucket
    key = "originals/" + sha(b"cut short")
    upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=1, Body=blob(5 * MiB))
    other = s3.create_multipart_upload(Bucket=bucket, Key="public/" + sha(b"x"))["UploadId"]
    assert originals.sweep_temp(older_than=3600) == 0
    assert originals.sweep_temp(older_than=0) == 1
    left = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    assert [u["UploadId"] for u in left] == [other]  # the public area's is not this area's
    assert not originals.exists(sha(b"cut short"))
    s3.abort_multipart_upload(Bucket=bucket, Key="public/" + sha(b"x"), UploadId=other)


@pytest.mark.parametrize("files_backend", ["s3"])
def test_s3_without_its_bucket_is_a_clear_error(files_settings):
    from dataclasses import replace

    settings = replace(files_settings, files=replace(files_settings.files,
                                                     s3_bucket="no-such-bucket-here"))
    store = open_store(settings, "originals")
    with pytest.raises(StoreError, match="bucket 'no-such-bucket-here' does not exist"):
        list(store.hashes())
    with pytest.raises(StoreError, match="bucket 'no-such-bucket-here' does not exist"):
        store.put_bytes(b"x")


@pytest.mark.parametrize("files_backend", ["s3"])
def test_s3_unreachable_is_a_store_error(files_settings):
    from dataclasses import replace

    from ops.s3proxy.control import free_port

    settings = replace(files_settings, files=replace(
        files_settings.files, s3_endpoint=f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(StoreError, match="S3 could not"):
        list(open_store(settings, "originals").hashes())


