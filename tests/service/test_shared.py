"""Claims (service/shared.py), in one process and in Redis: one owner at a time, freed or
extended only by their owner, gone when their time runs out."""

from __future__ import annotations

import time

import pytest

from service.shared import MemoryClaims, RedisClaims


@pytest.fixture(params=["memory", "redis"])
def claims(request):
    if request.param == "memory":
        yield MemoryClaims()
        return
    shared = RedisClaims(request.getfixturevalue("redis_url"))
    yield shared
    shared.close()


def test_one_owner_at_a_time(claims):
    assert claims.claim("k", "a", 10)
    assert not claims.claim("k", "b", 10)
    assert claims.holder("k") == "a"
    claims.release("k", "b")  # not b's to free
    assert claims.holder("k") == "a"
    claims.release("k", "a")
    assert claims.holder("k") is None and claims.claim("k", "b", 10)


def test_only_the_owner_extends_and_time_runs_out(claims):
    assert claims.claim("k", "a", 0.3)
    assert not claims.refresh("k", "b", 10)
    assert claims.refresh("k", "a", 0.6)
    time.sleep(0.4)
    assert claims.holder("k") == "a"  # extended past its first deadline
    time.sleep(0.4)
    assert claims.holder("k") is None and not claims.refresh("k", "a", 10)
    assert claims.claim("k", "b", 10)


def test_redis_claims_are_seen_by_every_client(redis_url):
    first, second = RedisClaims(redis_url), RedisClaims(redis_url)
    try:
        assert first.claim("console:x", "job-1", 10)
        assert not second.claim("console:x", "job-2", 10)
        second.release("console:x", "job-2")
        assert second.holder("console:x") == "job-1"
        first.release("console:x", "job-1")
        assert second.claim("console:x", "job-2", 10)
    finally:
        first.close()
        second.close()
