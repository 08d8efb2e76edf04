"""The local Redis (ops/redis/): started in its own home, loopback only, a password required,
nothing written to disk, stopped cleanly; a taken port is a clear error."""

from __future__ import annotations

import socket

import pytest
import redis

from ops.redis.control import Redis, RedisError
from ops.s3proxy.control import free_port


@pytest.fixture
def server(tmp_path):
    server = Redis(tmp_path / "redis", port=free_port())
    yield server
    server.stop()


def test_start_answer_and_stop(server):
    assert server.start() is True
    assert server.start() is False  # running: left alone
    client = redis.Redis.from_url(server.url)
    assert client.ping() and client.set("k", "v") and client.get("k") == b"v"
    client.close()
    pid = server.pid()
    assert pid and (server.home / "password").stat().st_mode & 0o777 == 0o600
    assert server.stop() is True and server.pid() is None
    assert server.stop() is False
    with pytest.raises(redis.ConnectionError):
        redis.Redis(host="127.0.0.1", port=server.port, socket_timeout=1).ping()


def test_a_password_is_required_and_only_loopback_listens(server):
    server.start()
    anonymous = redis.Redis(host="127.0.0.1", port=server.port, socket_timeout=2)
    with pytest.raises(redis.AuthenticationError):
        anonymous.ping()
    conf = server.conf_file.read_text()
    assert "bind 127.0.0.1\n" in conf and 'save ""' in conf and "appendonly no" in conf
    assert server.conf_file.stat().st_mode & 0o777 == 0o600


def test_a_taken_port_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = Redis(tmp_path / "redis", port=taken.getsockname()[1])
        with pytest.raises(RedisError, match="is taken"):
            server.start()
