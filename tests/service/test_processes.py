"""Several processes: what they must agree on is shared through Redis.

- The console's one query per account holds across apps (each app is what one worker process
  holds: its own console pool): with a shared Redis the second app refuses the account while
  the first runs its query, and accepts once it has finished.
- The documents worker's lease: of two workers sharing claims, one holds it.
- ``footprints serve --workers 2`` (gunicorn) against the test stores and a Redis: two worker
  processes answer; the login rate limit counts across them (five tries a minute means five,
  not five per process); SIGTERM stops them all.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ops.s3proxy.control import free_port

REPO = Path(__file__).resolve().parents[2]
URL = "/api/v1/cypher"
#: Runs until its timeout (ten billion rows, none kept).
SLOW = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a * b < 0 "
        "RETURN count(*) AS n")


def app_with(settings, stores, redis_url: str | None):
    from service.app import create_app

    shared = dataclasses.replace(settings, redis_url=redis_url)
    app = create_app(shared, stores)
    app.config["TESTING"] = True
    app.config["RATELIMITS"] = {"cypher": "100000/minute"}
    return app


def post(app, headers, query, timeout=None):
    body = {"query": query, "params": {}}
    if timeout:
        body["timeout"] = timeout
    return app.test_client().post(URL, json=body, headers=headers)


def wait_running(app, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        pool = app.extensions.get("footprints.console_pool")
        if pool is not None and pool.state()["running"]:
            return
        time.sleep(0.05)
    raise AssertionError("the console query never started")


def test_one_console_query_per_account_across_processes(settings, published_stores,
                                                        researcher_headers, redis_url):
    first = app_with(settings, published_stores, redis_url)
    second = app_with(settings, published_stores, redis_url)
    box = {}
    runner = threading.Thread(target=lambda: box.update(
        response=post(first, researcher_headers, SLOW, timeout=3)))
    runner.start()
    try:
        wait_running(first)
        refused = post(second, researcher_headers, "RETURN 1 AS one")
        assert refused.status_code == 409, refused.get_json()
        assert refused.get_json()["errors"]["reason"] == "busy"
    finally:
        runner.join(15)
    assert box["response"].get_json()["errors"]["reason"] == "timeout"
    deadline = time.monotonic() + 10  # the first frees the account once the server is done
    while (answer := post(second, researcher_headers, "RETURN 1 AS one")).status_code == 409:
        assert time.monotonic() < deadline, "the account was never freed"
        time.sleep(0.1)
    assert answer.status_code == 200


def test_without_redis_each_process_would_decide_alone(settings, published_stores,
                                                       researcher_headers):
    """What the shared claims prevent: two apps with their own memory each let the account
    in (one process serving is the only setting where memory claims are right)."""
    first = app_with(settings, published_stores, None)
    second = app_with(settings, published_stores, None)
    box = {}
    runner = threading.Thread(target=lambda: box.update(
        response=post(first, researcher_headers, SLOW, timeout=2)))
    runner.start()
    try:
        wait_running(first)
        assert post(second, researcher_headers, "RETURN 1 AS one").status_code == 200
    finally:
        runner.join(15)


def test_one_documents_worker_holds_the_lease(settings, redis_url):
    from documents.process import Worker
    from graph.connections import Stores
    from service.shared import RedisClaims

    stores = Stores(settings)
    claims = [RedisClaims(redis_url), RedisClaims(redis_url)]
    try:
        workers = [Worker(stores, claims=c) for c in claims]
        held = [w.holds_lease() for w in workers]
        assert held == [True, False]
        assert workers[0].holds_lease()  # kept
        workers[0].stop()  # releases it
        assert workers[1].holds_lease()
    finally:
        for c in claims:
            c.close()
        stores.close()


def serve_env(settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "FOOTPRINTS_VAR": str(settings.var_dir),
        "FOOTPRINTS_VAULT_PORT": str(settings.vault.bolt_port),
        "FOOTPRINTS_PUBLIC_PORT": str(settings.public.bolt_port),
        "FOOTPRINTS_SECRET_KEY": "test-secret",
        "FOOTPRINTS_REDIS_URL": redis_url,
        "FOOTPRINTS_RATELIMIT_LOGIN": "5/minute",
        "FOOTPRINTS_RATELIMIT_LOGIN_ADDRESS": "1000/minute",
    })
    for store in (settings.vault, settings.public):
        prefix = f"FOOTPRINTS_{store.name.upper()}_"
        if not store.managed:
            env[prefix + "URI"] = store.uri
        if store.password:
            env[prefix + "PASSWORD"] = store.password
        env[prefix + "USER"] = store.user
    return env


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def request(url: str, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                 headers={"Content-Type": "application/json",
                                          "Connection": "close"})
    try:
        with urllib.request.urlopen(req, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_serve_with_several_workers_shares_rate_limits(settings, published_stores, redis_url):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2",
         "--no-documents-worker"], cwd=REPO, env=serve_env(settings, redis_url),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(f"{base}/health") == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.2)
        workers = children(server.pid)
        assert len(workers) >= 2, workers
        statuses = [request(f"{base}/api/v1/auth/login",
                            {"email": "nobody@example.org", "password": "wrong password!",
                             "label": "t"}) for _ in range(12)]
        # five wrong tries a minute for the whole service, whichever process answered
        assert statuses.count(401) == 5 and statuses.count(429) == 7, statuses
        assert request(f"{base}/api/v1/stats") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode == 0
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
