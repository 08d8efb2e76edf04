"""File stores for the tests: a fresh, empty one per test, of each backend.

``files_settings`` is the test settings with an empty file store: the local backend
under the test's own temporary folder, or the S3 backend on a new bucket of the session's
S3Proxy (a real S3-compatible server, ops/s3proxy, started once for the whole run and
stopped at its end). Tests that take it run once per backend (``files_backend``).
tests/conftest.py plugs these fixtures in (``pytest_plugins``).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import replace

import pytest

from documents.store.s3 import client
from graph.settings import FileStoreSettings, Settings
from ops.s3proxy.control import S3Proxy, free_port

BACKENDS = ("local", "s3")


@pytest.fixture(scope="session")
def s3proxy(settings, _exclusive):
    """S3Proxy for the session, its buckets emptied first; on FOOTPRINTS_TEST_S3_PORT, or
    on a free port (so that several worktrees' test runs do not collide)."""
    port = int(os.environ.get("FOOTPRINTS_TEST_S3_PORT") or 0) or free_port()
    server = S3Proxy(settings.var_dir / "s3proxy", port)
    server.stop()  # one a killed session left behind
    shutil.rmtree(server.data_dir, ignore_errors=True)
    server.start()
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


def s3_client(files: FileStoreSettings):
    return client(files.s3_endpoint, files.s3_region, files.s3_access_key, files.s3_secret_key)


@pytest.fixture(params=BACKENDS)
def files_backend(request) -> str:
    return request.param


@pytest.fixture
def files_settings(request, settings, tmp_path, files_backend) -> Settings:
    """The test settings with an empty file store of ``files_backend``."""
    if files_backend == "local":
        yield replace(settings, files=FileStoreSettings(backend="local", root=tmp_path / "files"))
        return
    server = request.getfixturevalue("s3proxy")
    access, secret = server.credentials()
    files = FileStoreSettings(backend="s3", s3_endpoint=server.endpoint,
                              s3_bucket=f"test-{uuid.uuid4().hex[:24]}",
                              s3_access_key=access, s3_secret_key=secret)
    s3 = s3_client(files)
    s3.create_bucket(Bucket=files.s3_bucket)
    yield replace(settings, files=files)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=files.s3_bucket):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=files.s3_bucket, Key=obj["Key"])
    s3.delete_bucket(Bucket=files.s3_bucket)


def files_env(settings: Settings) -> dict[str, str]:
    """The environment that gives a process ``settings``' file store (Settings.from_env)."""
    files = settings.files
    env = {"FOOTPRINTS_VAR": str(settings.var_dir), "FOOTPRINTS_FILES": files.backend}
    if files.backend == "local":
        env["FOOTPRINTS_FILES_DIR"] = str(settings.files_dir)
    else:
        env |= {"FOOTPRINTS_S3_ENDPOINT": files.s3_endpoint, "FOOTPRINTS_S3_BUCKET": files.s3_bucket,
                "FOOTPRINTS_S3_ACCESS_KEY": files.s3_access_key,
                "FOOTPRINTS_S3_SECRET_KEY": files.s3_secret_key}
    return env


def damage(settings: Settings, area: str, sha256: str, how: str) -> None:
    """Damage a stored file behind the store's back, as a failing disk or a hand would:
    ``flip`` one byte in the middle, ``truncate`` the last byte, ``delete`` it."""
    from documents.store import open_store

    store = open_store(settings, area)
    data = bytearray(store.open(sha256).read())
    if how == "flip":
        data[len(data) // 2] ^= 0x01
    elif how == "truncate":
        data = data[:-1]
    elif how != "delete":
        raise ValueError(how)
    if settings.files.backend == "local":
        path = store.path(sha256)
        path.chmod(0o600)
        if how == "delete":
            path.unlink()
        else:
            path.write_bytes(bytes(data))
    elif how == "delete":
        s3_client(settings.files).delete_object(Bucket=settings.files.s3_bucket, Key=store.key(sha256))
    else:
        s3_client(settings.files).put_object(Bucket=settings.files.s3_bucket, Key=store.key(sha256),
                                             Body=bytes(data))


def raw_files(settings: Settings, area: str) -> dict[str, bytes]:
    """Every file of the area whatever its name, by its path or key within the area, read
    without the store (temporary files of the local backend included)."""
    if settings.files.backend == "local":
        root = settings.files_dir / area
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    s3 = s3_client(settings.files)
    out = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=settings.files.s3_bucket,
                                                            Prefix=f"{area}/"):
        for obj in page.get("Contents", []):
            body = s3.get_object(Bucket=settings.files.s3_bucket, Key=obj["Key"])["Body"]
            out[obj["Key"][len(area) + 1:]] = body.read()
    return out
