"""One process against several: the concurrency table side by side, and a soak.

On the bench's stores as they are (``make bench`` leaves its largest scale, 250,000
victims, in var/bench; ``--victims N`` generates, imports and publishes N first), the app is
served twice in one run — one waitress process (8 threads, as before) and gunicorn with one
worker per core (8 threads each, sharing a Redis started under var/bench/redis) — and wrk
drives each with 16, 64 and 256 connections over the same mix of public URLs
(bench/latency.py). Then a soak: 64 connections for ``--soak`` seconds (600 by default)
against the several processes, the app's memory (every process of it) sampled every 30 s,
so that a leak shows as a rising line.

Writes bench/results/processes.json and prints the table:

    python -m bench.processes [--victims N] [--seconds 20] [--soak 600] [--workers auto]
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from bench import env
from bench.latency import served, wrk_run, wrk_script
from bench.measure import progress, tree_rss_mib

RESULTS = Path(__file__).resolve().parent / "results"
CLIENTS = (16, 64, 256)


def table(stores, workers: int, seconds: int, clients: tuple[int, ...] = CLIENTS,
          warm: int = 5) -> list[dict]:
    with wrk_script(stores) as script, served(stores, workers=workers) as (base, pid):
        wrk_run(script, base, pid, 16, warm)  # warm the caches and the connection pools
        return [wrk_run(script, base, pid, n, seconds) for n in clients]


def soak(stores, workers: int, seconds: int, clients: int = 64, every: int = 30) -> dict:
    samples: list[dict] = []
    with wrk_script(stores) as script, served(stores, workers=workers) as (base, pid):
        wrk_run(script, base, pid, 16, 5)
        started = time.monotonic()
        done = threading.Event()

        def sample() -> None:
            while not done.wait(every):
                samples.append({"t_s": round(time.monotonic() - started),
                                "app_rss_mib": tree_rss_mib(pid)})

        sampler = threading.Thread(target=sample, daemon=True)
        samples.append({"t_s": 0, "app_rss_mib": tree_rss_mib(pid)})
        sampler.start()
        result = wrk_run(script, base, pid, clients, seconds)
        done.set()
        sampler.join()
        samples.append({"t_s": round(time.monotonic() - started), "app_rss_mib": tree_rss_mib(pid)})
    rss = [s["app_rss_mib"] for s in samples if s["app_rss_mib"]]
    # Growth from the end of the first minute (caches fill, pools open) to the end.
    settled = next((s["app_rss_mib"] for s in samples if s["t_s"] >= 60), rss[0] if rss else None)
    return {"clients": clients, "seconds": seconds, "workers": workers, "result": result,
            "rss_samples": samples,
            "rss_growth_after_first_minute_mib": round(rss[-1] - settled, 1) if rss else None}


def print_table(report: dict) -> None:
    print(f"\n{report.get('vault_victims', 0):,} victims ({report['victims']:,} public), "
          f"{report['machine']['cores']} cores")
    print("| clients | 1 process: req/s | p50 | p95 | errors | "
          f"{report['workers']} processes: req/s | p50 | p95 | errors | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for one, many in zip(report["one_process"], report["several_processes"], strict=True):
        if "failed" in one or "failed" in many:
            print(f"| {one['clients']} | failed: {one.get('failed') or many.get('failed')} |")
            continue
        ratio = many["requests_per_s"] / one["requests_per_s"] if one["requests_per_s"] else 0
        print(f"| {one['clients']} | {one['requests_per_s']} | {one['p50_ms']} | {one['p95_ms']} "
              f"| {one['errors']} | {many['requests_per_s']} | {many['p50_ms']} | "
              f"{many['p95_ms']} | {many['errors']} | {ratio:.2f}× |")
    if report.get("soak"):
        s = report["soak"]
        print(f"soak: {s['clients']} clients for {s['seconds']} s: {s['result']}; "
              f"RSS {[x['app_rss_mib'] for x in s['rss_samples']]} MiB, growth after the first "
              f"minute {s['rss_growth_after_first_minute_mib']} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--victims", type=int, help="generate, import and publish this many first")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--soak", type=int, default=600, help="0: no soak")
    parser.add_argument("--workers", default="auto")
    args = parser.parse_args()
    from service.serving import workers_for

    workers = workers_for(args.workers)
    stores = env.start(env.bench_settings())
    try:
        if args.victims:
            from bench.run import one_scale

            env.wipe(stores)
            one_scale(stores, args.victims, Path(stores.settings.var_dir), skip_http=True)
        victims, generated = (stores.driver(name).execute_query(
            "MATCH (v:Victim) RETURN count(v) AS n",
            database_=stores.database(name)).records[0]["n"] for name in ("public", "vault"))
        progress(f"{generated:,} victims, {victims:,} of them public; 1 process, then {workers}")
        report = {"victims": victims, "vault_victims": generated,
                  "machine": env.machine(), "workers": workers,
                  "seconds": args.seconds, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                  "one_process": table(stores, 1, args.seconds),
                  "several_processes": table(stores, workers, args.seconds)}
        if args.soak:
            progress(f"soak: 64 clients for {args.soak} s, {workers} processes")
            report["soak"] = soak(stores, workers, args.soak)
    finally:
        stores.close()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "processes.json").write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    progress(f"report: {RESULTS / 'processes.json'} ({os.path.getsize(RESULTS / 'processes.json')} B)")


if __name__ == "__main__":
    main()
