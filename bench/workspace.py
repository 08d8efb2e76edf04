"""The workspace's vault reads at scale: vault search (``/workspace/records``) and the vault
chain of responsibility (``/workspace/network?tool=chain``), as a signed-in investigator
of the organisation with the most confidential victims reads them, next to the raw
driver time of the very named queries they ran, replayed with the same parameters in
the same run.

Timed: the service functions the (thin) views call, with everything they do -- the
visibility checks, the badges, the free-text gate and the audit entries of the reads.
The raw replay has no audit write (it is a transaction of its own, not a named query),
so ``workspace / raw`` is the price of the checks, the gate and the audit together.

    python -m bench.workspace --scales 10000        # on the benchmark's own Neo4j pair
    python -m bench.workspace --scales 10000 --stores-from-env   # on FOOTPRINTS_* stores

``make bench`` runs it at every scale (``bench.run``) after the public latency.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from bench.measure import percentiles, progress, raw_time, recording
from graph.connections import Stores
from service.vault.accounts import User

SAMPLES = 40
SEARCH_WORDS = ["김", "박", "이", "Kim", "Park", "Lee", "Choe", "철", "영", "Yodok"]


def investigator(stores: Stores) -> User:
    """An investigator of the organisation that owns the most confidential victims (no
    account is needed: the service functions take the user the session would give)."""
    rows = stores.vault.execute_query(
        "MATCH (p:Victim) WHERE NOT p:Public AND NOT p:Restricted AND p.owner IS NOT NULL "
        "RETURN p.owner AS org, count(*) AS n ORDER BY n DESC, org LIMIT 1",
        database_=stores.database("vault")).records
    if not rows:
        raise RuntimeError("no confidential victim in the vault: load data first")
    return User(uid="user-bench", email="bench.investigator@example.org", role="investigator",
                organization=rows[0]["org"])


def _sample(stores: Stores, user: User) -> dict:
    rows = stores.vault.execute_query(
        "MATCH (p:Victim {owner: $org})-[:SUBJECTED_TO]->(:Event) "
        "WITH DISTINCT p RETURN p.uid AS uid, p.name_ko AS ko, p.name_en AS en "
        "ORDER BY p.uid LIMIT 400", org=user.organization,
        database_=stores.database("vault")).records
    rnd = random.Random(1)
    victims = [r.data() for r in rows]
    names = [(v["ko"] or v["en"] or "")[:2] for v in rnd.sample(victims, SAMPLES // 2)]
    return {"victims": [rnd.choice(victims)["uid"] for _ in range(SAMPLES)],
            "words": (names + SEARCH_WORDS)[:SAMPLES]}


def _measure(stores: Stores, fn, args: list) -> dict:
    from service.vault.reads import NotVisible

    own, raw, errors = [], [], 0
    for arg in args:
        try:
            fn(arg)  # warm for this input, as the raw replay is
        except NotVisible:
            errors += 1
            continue
        with recording() as calls:
            started = time.perf_counter()
            fn(arg)
            own.append(time.perf_counter() - started)
        raw.append(raw_time(stores.vault, stores.database("vault"), calls))
    return {"workspace": percentiles(own), "raw": percentiles(raw), "errors": errors}


def run(stores: Stores) -> dict:
    from service.vault import browse, graphs

    user = investigator(stores)
    sample = _sample(stores, user)
    progress("workspace: vault search")
    search = _measure(stores, lambda q: browse.search_records(stores, user, q), sample["words"])
    progress("workspace: vault chain of responsibility")
    chain = _measure(stores, lambda v: graphs.chain_of_responsibility(stores, user, v),
                     sample["victims"])
    return {"organization": user.organization, "vault search": search,
            "vault chain of responsibility": chain}


def load(stores: Stores, victims: int, workdir: Path) -> None:
    """The bench's stores emptied, ``victims`` generated, imported and published."""
    from graph.publication import publish_all
    from loaders.importer import import_file
    from loaders.synthetic import generate, write_jsonl

    for name in ("vault", "public"):
        with stores.driver(name).session(database=stores.database(name)) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                        ).consume()
    path = workdir / f"victims-{victims}.jsonl"
    progress(f"workspace: generating and loading {victims:,} victims")
    write_jsonl(generate(victims, seed=1), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    progress("workspace: publishing")
    publish_all(stores.vault, stores.public, stores.database("vault"), stores.database("public"))


def each_scale(stores: Stores, scales: str, key: str, measure, out: dict,
               out_path: Path | None, reuse: bool, workdir: Path) -> None:
    """For each scale of ``scales`` ("10000,50000"): load it (unless ``reuse``), measure,
    put the figures under ``key`` in the scale's entry of ``out["scales"]`` (replacing an
    earlier measurement of that scale) and write ``out`` to ``out_path`` at once, so that a
    run stopped at a larger scale keeps the smaller ones."""
    for victims in (int(s) for s in scales.split(",")):
        if not reuse:
            load(stores, victims, workdir)
        out["scales"] = [s for s in out["scales"] if s["victims"] != victims]
        out["scales"].append({"victims": victims, key: measure(stores)})
        out["scales"].sort(key=lambda s: s["victims"])
        if out_path:
            out_path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        progress(json.dumps(out["scales"][-1], ensure_ascii=False))


def main() -> None:
    from bench import env
    from graph.schema import install_schema
    from graph.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="10000")
    parser.add_argument("--stores-from-env", action="store_true",
                        help="use the stores FOOTPRINTS_* name (e.g. a test pair) instead of "
                             "starting the benchmark's own pair; their data is replaced")
    parser.add_argument("--out", default=None, help="a JSON file for the figures (its scales "
                        "are kept: a scale measured again replaces its entry)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the data the stores hold (the last scale loaded)")
    args = parser.parse_args()
    settings = Settings.from_env(dict(os.environ)) if args.stores_from_env \
        else env.bench_settings()
    stores = Stores(settings, unlock=True) if args.stores_from_env else env.start(settings)
    if args.stores_from_env:
        for name in ("vault", "public"):
            install_schema(stores.driver(name), stores.database(name))
    workdir = settings.var_dir / "data"
    workdir.mkdir(parents=True, exist_ok=True)
    out = {"machine": env.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
           "scales": []}
    if args.out and Path(args.out).exists():
        out["scales"] = json.loads(Path(args.out).read_text())["scales"]
    try:
        each_scale(stores, args.scales, "workspace", run, out,
                   Path(args.out) if args.out else None, args.reuse, workdir)
    finally:
        stores.close()


if __name__ == "__main__":
    main()
