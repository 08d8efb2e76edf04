"""A Redis for the session (Debian's redis-server, started by ops/redis/ like the app's), on
FOOTPRINTS_TEST_REDIS_PORT or a free port, emptied before each test that uses it."""

from __future__ import annotations

import os

import pytest

from ops.redis.control import Redis
from ops.s3proxy.control import free_port


@pytest.fixture(scope="session")
def redis_server(settings):
    port = int(os.environ.get("FOOTPRINTS_TEST_REDIS_PORT") or 0) or free_port()
    server = Redis(settings.var_dir / "redis", port=port)
    server.stop()  # one a killed session left behind
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The session's Redis, empty."""
    import redis

    client = redis.Redis.from_url(redis_server.url)
    try:
        client.flushdb()
    finally:
        client.close()
    return redis_server.url
