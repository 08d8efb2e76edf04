"""S3Proxy, the S3 server the file store's tests use: fetched once from Maven Central, on
loopback only, and refusing requests that are not signed with its generated key."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from ops.s3proxy.control import JAR, S3PROXY_VERSION, S3Proxy, S3ProxyError, lib_dir, provision


def test_the_jar_is_provisioned_once(s3proxy):
    jar = provision()
    assert jar == lib_dir() / JAR
    assert (lib_dir() / ".complete").read_text() == S3PROXY_VERSION
    assert s3proxy.pid() is not None


def test_configuration_is_loopback_with_signatures_over_a_folder(s3proxy):
    conf = s3proxy.conf_file.read_text()
    assert f"s3proxy.endpoint=http://127.0.0.1:{s3proxy.port}\n" in conf
    assert "s3proxy.authorization=aws-v2-or-v4\n" in conf
    assert "jclouds.provider=filesystem\n" in conf
    assert f"jclouds.filesystem.basedir={s3proxy.data_dir}\n" in conf
    assert s3proxy.conf_file.stat().st_mode & 0o777 == 0o600  # it holds the secret


def test_unsigned_and_wrongly_signed_requests_are_refused(s3proxy):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(s3proxy.endpoint + "/", timeout=5)
    assert refused.value.code == 403

    from botocore.exceptions import ClientError

    from documents.store.s3 import client

    access, _ = s3proxy.credentials()
    with pytest.raises(ClientError) as wrong:
        client(s3proxy.endpoint, "us-east-1", access, "not-the-secret").list_buckets()
    assert wrong.value.response["Error"]["Code"] in ("SignatureDoesNotMatch", "AccessDenied")


def test_start_is_idempotent_and_refuses_another_port(s3proxy):
    assert s3proxy.start() is False  # already running: a no-op
    with pytest.raises(S3ProxyError, match=f"runs on port {s3proxy.port}"):
        S3Proxy(s3proxy.home, s3proxy.port + 1).start()
    assert s3proxy.pid() is not None
