"""Finding records by name at scale: the type-ahead (``/api/v1/suggest``), the one search
over every record type (``/api/v1/find``, all kinds and one kind) and a graph tool given a
name instead of a uid (``/api/v1/graphs/chain/<name>``), each next to the raw driver time
of the very named queries it ran, replayed with the same parameters in the same run.

Timed through the Flask app in-process, with the app's cache emptied before every
request (what a new keyword costs), after one warm-up request of the same URL (as the
raw replay is warm). ``api / raw`` is the app's own part: the match explanations, the
schemas, the JSON.

    python -m bench.search --scales 10000,50000,250000    # the benchmark's own Neo4j pair
    python -m bench.search --scales 10000 --reuse         # the data the pair holds

Writes bench/results/search.json; ``make bench`` runs it at every scale (``bench.run``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from urllib.parse import quote

from bench.measure import percentiles, progress, raw_time, recording
from bench.workspace import each_scale
from graph.connections import Stores
from graph.vocabularies import choices

SAMPLES = 40
RESULTS = Path(__file__).resolve().parent / "results"
#: Names the reference data always holds (places, bodies), typed as a visitor would.
TYPED = ["Yo", "요덕", "Kwanliso", "관리소", "Minis", "국가보", "Ministry of State Security",
         "Hoery", "회령", "WGEID", "kwalliso", "yodeok", "Chongjin", "Pyongyang", "평양",
         "Korean People's Army"]
#: Type-ahead: what was typed so far of those names and of victims' names.
TARGET_P95_MS = 50
CATEGORIES = list(choices("victim_category"))


def _sample(stores: Stores) -> dict:
    rows = stores.public.execute_query(
        "MATCH (p:Victim) RETURN p.name_ko AS ko, p.name_en AS en ORDER BY p.uid LIMIT 400",
        database_=stores.database("public")).records
    if len(rows) < 4:
        raise RuntimeError("too few public victims to measure search")
    rnd = random.Random(1)
    people = [r.data() for r in rnd.sample(rows, min(len(rows), SAMPLES // 2))]
    prefixes = [(p["ko"] or "")[:2] if i % 2 else (p["en"] or "")[:5]
                for i, p in enumerate(people)]
    whole = [(p["ko"] if i % 2 else p["en"]) or "" for i, p in enumerate(people)]
    return {"prefixes": ([p for p in prefixes if len(p) >= 2] + [t[:4] for t in TYPED])[:SAMPLES],
            "words": ([w for w in whole if w] + TYPED + ["김", "Kim", "Park"])[:SAMPLES],
            "victims": [w for w in whole if w][:SAMPLES // 2]}


def _urls(sample: dict) -> dict[str, list[str]]:
    kinds = ["victims", "locations", "perpetrators", "proceedings"]
    return {
        "suggest": [f"/api/v1/suggest?q={quote(w)}" for w in sample["prefixes"]],
        "suggest (one kind)": [f"/api/v1/suggest?q={quote(w)}&kind=victims"
                               for w in sample["prefixes"]],
        "find (every kind)": [f"/api/v1/find?q={quote(w)}" for w in sample["words"]],
        "find (one kind)": [f"/api/v1/find?q={quote(w)}&kind={kinds[i % len(kinds)]}"
                            for i, w in enumerate(sample["words"])],
        "chain by name": [f"/api/v1/graphs/chain/{quote(w, safe='')}"
                          for w in sample["victims"]],
        # The search's filters without a keyword: every victim is read to count each facet
        # without its own filter (disjunctive counts, public/search_victims.cypher).
        "facets (one value)": [f"/api/v1/search?category={c}" for c in CATEGORIES],
        "facets (two values, two facets)": [
            f"/api/v1/search?category={a}&category={CATEGORIES[(i + 1) % len(CATEGORIES)]}"
            f"&sex={('male', 'female')[i % 2]}&per_page=20" for i, a in enumerate(CATEGORIES)],
        "facets (keyword and filter)": [f"/api/v1/search?q={quote(w)}&category={c}"
                                        for w, c in zip(sample["words"][:8], CATEGORIES,
                                                        strict=False)],
    }


def run(stores: Stores) -> dict:
    """Per request kind: ``api`` (p50/p95/mean ms, the cache emptied before each request),
    ``raw`` (the same named queries through the driver), ``statuses`` seen."""
    from service.app import create_app

    app = create_app(stores.settings)
    cache = app.extensions["footprints.public_cache"]
    client = app.test_client()
    out = {}
    for name, urls in _urls(_sample(stores)).items():
        progress(f"search: {name}")
        api, raw, statuses = [], [], {}
        for url in urls:
            cache.clear()
            client.get(url)  # warm for this input, as the raw replay is
            cache.clear()
            with recording() as calls:
                started = time.perf_counter()
                response = client.get(url)
                api.append(time.perf_counter() - started)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            raw.append(raw_time(stores.public, stores.database("public"), calls))
        out[name] = {"api": percentiles(api), "raw": percentiles(raw),
                     "statuses": {str(k): v for k, v in sorted(statuses.items())}}
    return out


def main() -> None:
    from bench import env

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="10000,50000,250000")
    parser.add_argument("--out", default=str(RESULTS / "search.json"),
                        help="the JSON file of the figures (a scale measured again replaces "
                             "its entry)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the data the stores hold (the last scale loaded)")
    parser.add_argument("--heap", default=None, help="each server's heap (e.g. 2g) instead "
                        "of the pair's default, with --pagecache: for a machine others share")
    parser.add_argument("--pagecache", default=None)
    args = parser.parse_args()
    memory = {f"FOOTPRINTS_{store}_{what}": value for store in ("VAULT", "PUBLIC")
              for what, value in (("HEAP", args.heap), ("PAGECACHE", args.pagecache)) if value}
    settings = env.bench_settings(**memory)
    stores = env.start(settings)
    workdir = settings.var_dir / "data"
    workdir.mkdir(parents=True, exist_ok=True)
    out = {"machine": env.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
           "target": f"suggest p95 <= {TARGET_P95_MS} ms at 250,000 victims", "scales": []}
    if Path(args.out).exists():
        out["scales"] = json.loads(Path(args.out).read_text())["scales"]
    try:
        each_scale(stores, args.scales, "search", run, out, Path(args.out), args.reuse, workdir)
    finally:
        stores.close()


if __name__ == "__main__":
    main()
