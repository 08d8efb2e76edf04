"""``make bench``: generate and load 10k, 50k and 250k victims on the benchmark's own Neo4j
pair, measure each step next to its baseline, and write a report to bench/results/.
Documents come first (``bench.documents``: ingest and processing throughput, document text
search and publication at 10,000 documents, into bench/results/documents.json), since the
scales then replace its data and leave the largest one for ``--concurrency-only``.

    python -m bench.run [--scales 10000,50000,250000] [--skip-http] [--skip-documents]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench import env, loading, publishing
from bench.measure import progress, rss_mib, timed
from loaders.synthetic import generate, write_jsonl

RESULTS = Path(__file__).resolve().parent / "results"


def neo4j_heap(stores, name: str) -> dict:
    """Heap use of a server, from its JMX memory bean."""
    try:
        rows = stores.driver(name).execute_query(
            "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
            "RETURN attributes.HeapMemoryUsage.value.properties AS heap",
            database_=stores.database(name)).records
        heap = rows[0]["heap"]
        return {"used_mib": round(heap["used"] / 2**20), "max_mib": round(heap["max"] / 2**20)}
    except Exception as exc:  # noqa: BLE001 - a missing bean is reported, not fatal
        return {"error": type(exc).__name__}


def one_scale(stores, victims: int, workdir: Path, skip_http: bool) -> dict:
    path = workdir / f"victims-{victims}.jsonl"
    progress(f"== {victims:,} victims: generating")
    gen_s, records = timed(write_jsonl, generate(victims, seed=1), path)
    result = {"victims": victims, "records": records, "generate_s": round(gen_s, 1)}
    result["load"] = loading.run(stores, path, victims=victims)
    result.update(publishing.run(stores, victims))
    if not skip_http:
        from bench import latency

        result["latency"] = latency.run(stores)
        from bench import workspace

        result["workspace"] = workspace.run(stores)
        from bench import search

        result["search"] = search.run(stores)
        result["concurrency"] = latency.concurrency(stores)
    result["memory"] = {"bench_process_rss_mib": rss_mib(),
                        "neo4j_rss_mib": {k: rss_mib(v) for k, v in env.neo4j_pids(stores.settings).items()},
                        "neo4j_heap": {n: neo4j_heap(stores, n) for n in ("vault", "public")}}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="10000,50000,250000")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-documents", action="store_true",
                        help="leave out the documents benchmark (bench/documents.py)")
    parser.add_argument("--concurrency-only", action="store_true",
                        help="re-measure the concurrent clients on the public graph as the last "
                             "run left it, into that run's largest scale")
    args = parser.parse_args()
    if args.concurrency_only:
        return concurrency_again()
    scales = [int(s) for s in args.scales.split(",")]
    settings = env.bench_settings()
    workdir = settings.var_dir / "data"
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    stores = env.start(settings)
    report = {"machine": env.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
              "scales": []}
    try:
        if not args.skip_documents:
            from bench import documents

            documents.write(documents.run(stores, workdir=workdir), RESULTS / "documents.json")
        for victims in scales:
            report["scales"].append(one_scale(stores, victims, workdir, args.skip_http))
            _write(report)
    finally:
        stores.close()
    report["total_s"] = round(time.monotonic() - started)
    path = _write(report)
    progress(f"done in {report['total_s']} s; report: {path}")


def concurrency_again() -> None:
    from bench import latency

    report = json.loads((RESULTS / "latest.json").read_text())
    stores = env.start(env.bench_settings())
    try:
        last = report["scales"][-1]
        last["concurrency"] = latency.concurrency(stores)
        last["concurrency_remeasured"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    finally:
        stores.close()
    progress(f"report: {_write(report)}")


def _write(report: dict) -> Path:
    from bench.report import write_report

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return write_report(report, RESULTS)


if __name__ == "__main__":
    main()
