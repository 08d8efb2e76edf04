"""API latency next to the raw Cypher time of the very queries the API ran, and
throughput with many concurrent clients over real HTTP.

Single client: each request goes through the Flask app in-process; every named
query it runs is recorded and then replayed through the raw driver with the
same parameters, so ``API p95 / raw p95`` is the app's overhead (for statistics,
which the app reads as a full publish counted them, raw is the live count). Concurrency:
the app is served by waitress (``footprints serve``) and driven by wrk with 16
and 64 connections over a mix of public URLs.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from bench.measure import percentiles, progress, raw_time, recording
from graph.connections import Stores

SAMPLES = 40
SEARCH_WORDS = ["김", "박", "이", "정", "Kim", "Park", "Lee", "Choe", "철", "영"]


def _sample(stores: Stores) -> dict:
    rows = stores.public.execute_query(
        "MATCH (p:Victim)-[:SUBJECTED_TO]->(e:Event) WITH p, count(e) AS n "
        "RETURN p.uid AS uid, p.name_ko AS ko, p.name_en AS en ORDER BY p.uid LIMIT 200",
        database_=stores.database("public")).records
    if len(rows) < 4:
        raise RuntimeError("too few public victims to measure latency")
    rnd = random.Random(1)
    victims = [r.data() for r in rows]
    return {"victims": victims, "rnd": rnd}


def _urls(sample: dict) -> dict[str, list[str]]:
    rnd, victims = sample["rnd"], sample["victims"]

    def some(n: int) -> list[dict]:
        return [rnd.choice(victims) for _ in range(n)]

    names = [(v["ko"] or v["en"] or "")[:2] for v in some(SAMPLES // 2)] + SEARCH_WORDS
    return {
        "search": [f"/api/v1/search?q={quote(w)}" for w in names][:SAMPLES],
        "facet counts": [f"/api/v1/search?category={c}&sex={s}" for c, s in
                         zip(rnd.choices(["war_abductee", "war_pow", "japan_returnee",
                                          "internal_disappearance", "forced_repatriation"],
                                         k=SAMPLES), rnd.choices(["male", "female"], k=SAMPLES),
                             strict=True)],
        "statistics": ["/api/v1/stats"] * SAMPLES,
        "neighbourhood (2 hops)": [f"/api/v1/graphs/neighbourhood/{v['uid']}?hops=2"
                                   for v in some(SAMPLES)],
        "shortest path": [f"/api/v1/graphs/paths?from={a['uid']}&to={b['uid']}"
                          for a, b in zip(some(SAMPLES), some(SAMPLES), strict=True)],
        "chain of responsibility": [f"/api/v1/graphs/chain/{v['uid']}" for v in some(SAMPLES)],
        "profile page": [f"/victims/{v['uid']}" for v in some(SAMPLES)],
        "network page": [f"/network?focus={v['uid']}&hops=2" for v in some(SAMPLES // 2)],
    }


#: Raw Cypher that answers the same question where the app reads a precomputed answer:
#: the dashboard reads the counts a full publish stored; raw Cypher counts them.
RAW_EQUIVALENT = {"statistics": [("public/count_statistics", {}), ("public/match_public_meta", {})]}


def run(stores: Stores) -> dict:
    """Per request kind: ``first`` (a URL's first request, cold), ``api`` with the app's
    cache emptied before every request (what a new query costs once Neo4j is warm for its
    data), ``raw`` (the same queries through the driver, as warm), ``cached`` (the same
    URLs again, as repeated requests are served until the next publication)."""
    from service.app import create_app

    app = create_app(stores.settings)
    cache = app.extensions["footprints.public_cache"]
    client = app.test_client()
    sample = _sample(stores)
    out = {}
    for name, urls in _urls(sample).items():
        progress(f"latency: {name}")
        first, api, raw, errors = [], [], [], 0
        for url in urls:
            # The first request of a URL finds Neo4j's page cache and query plans cold
            # for its data; the API and the raw replay are then timed alike, warm.
            cache.clear()
            started = time.perf_counter()
            client.get(url, follow_redirects=True)
            first.append(time.perf_counter() - started)
            cache.clear()
            with recording() as calls:
                started = time.perf_counter()
                response = client.get(url, follow_redirects=True)
                api.append(time.perf_counter() - started)
            errors += response.status_code >= 400
            raw.append(raw_time(stores.public, stores.database("public"),
                                RAW_EQUIVALENT.get(name, calls)))
        cached = []
        for url in urls:
            client.get(url, follow_redirects=True)  # fills the cache (emptied in the first pass)
            started = time.perf_counter()
            client.get(url, follow_redirects=True)
            cached.append(time.perf_counter() - started)
        out[name] = {"api": percentiles(api), "raw": percentiles(raw),
                     "cached": percentiles(cached), "first": percentiles(first),
                     "errors": errors}
    return out


@contextmanager
def served(stores: Stores, port: int = 5077, workers: int = 1):
    """``footprints serve`` on the bench's stores: one waitress process, or ``workers``
    gunicorn processes sharing a Redis started here for the run (and stopped after it)."""
    from ops.redis.control import Redis
    from ops.s3proxy.control import free_port

    env = {**os.environ, "FOOTPRINTS_VAR": str(stores.settings.var_dir),
           "FOOTPRINTS_VAULT_PORT": str(stores.settings.vault.bolt_port),
           "FOOTPRINTS_PUBLIC_PORT": str(stores.settings.public.bolt_port),
           "FOOTPRINTS_SECRET_KEY": "bench"}
    redis = Redis(stores.settings.var_dir / "redis-served", port=free_port()) if workers > 1 \
        else None
    if redis is not None:
        redis.start()
        env["FOOTPRINTS_REDIS_URL"] = redis.url
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port),
                             "--workers", str(workers), "--no-documents-worker"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import urllib.request

        deadline = time.monotonic() + 180  # a loaded machine starts gunicorn slowly
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"footprints serve --workers {workers} did not answer "
                                       f"on port {port} (exit code {proc.poll()})") from None
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if redis is not None:
            redis.stop()


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(95), summary.duration))
end
"""


def concurrency(stores: Stores, clients: tuple[int, ...] = (16, 64), seconds: int = 20,
                workers: int = 1) -> list[dict]:
    """wrk against the served app over a mix of public endpoints."""
    with wrk_script(stores) as script, served(stores, workers=workers) as (base, pid):
        return [wrk_run(script, base, pid, n, seconds) for n in clients]


@contextmanager
def wrk_script(stores: Stores):
    """wrk's Lua script requesting a mix of public URLs of the bench's data, in turn."""
    urls = [u for name, us in _urls(_sample(stores)).items() if name != "network page" for u in us[:8]]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(WRK_SCRIPT % ", ".join(f'"{u}"' for u in urls))
    try:
        yield handle.name
    finally:
        Path(handle.name).unlink(missing_ok=True)


def wrk_run(script: str, base: str, pid: int, clients: int, seconds: int) -> dict:
    """One wrk run: requests/s, p50/p95, errors, and the app's memory (all its processes)."""
    from bench.measure import tree_rss_mib

    wrk = shutil.which("wrk")
    if not wrk:
        return {"clients": clients, "failed": "wrk not found (make bench installs it)"}
    progress(f"concurrency: {clients} clients for {seconds} s")
    result = subprocess.run([wrk, "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s",
                             "-s", script, base], capture_output=True, text=True)
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT")), "")
    if not line:  # wrk gave up (e.g. could not connect): say so, never report zeros
        failed = (result.stderr or result.stdout).strip() or f"wrk exited with {result.returncode}"
        progress(f"  wrk failed: {failed}")
        return {"clients": clients, "failed": failed}
    requests, socket_errors, status_errors, p50_us, p95_us, duration_us = (
        int(float(x)) for x in line.split()[1:])
    return {"clients": clients, "requests": requests,
            "requests_per_s": round(requests / (duration_us / 1e6), 1),
            "p50_ms": round(p50_us / 1000, 1), "p95_ms": round(p95_us / 1000, 1),
            "errors": socket_errors + status_errors, "app_rss_mib": tree_rss_mib(pid)}
