"""Load throughput: the importer against a raw-driver UNWIND baseline on the same records,
and neomodel's per-node saves (the naive way) on 1,000 records."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j.spatial import WGS84Point

from bench.env import wipe
from bench.measure import progress, timed
from graph.connections import Stores
from graph.consent.apply import apply_policy
from loaders.importer import import_file

RAW_NODES = """UNWIND $rows AS row
CREATE (n:Entity)
SET n:$(row.labels)
SET n = row.props"""
RAW_RELS = """UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props"""


def _raw_rows(path: Path) -> tuple[list[dict], list[dict]]:
    """What a hand-written loader would send: parsed JSON, no validation, no checks."""
    nodes, rels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            kind = rec.pop("record")
            if kind == "rel":
                props = dict(rec.get("props") or {})
                props["sources"] = rec.get("sources", [])
                rels.append({"type": rec["type"], "from": rec["from"], "to": rec["to"],
                             "props": props})
                continue
            labels = [kind, *rec.pop("roles", [])]
            if "lat" in rec and "lon" in rec:
                rec["coords"] = WGS84Point((rec.pop("lon"), rec.pop("lat")))
            nodes.append({"labels": labels, "props": rec})
    return nodes, rels


def raw_baseline(stores: Stores, path: Path, batch: int) -> dict:
    wipe(stores)

    def run() -> int:
        nodes, rels = _raw_rows(path)
        with stores.vault.session(database=stores.database("vault")) as session:
            for query, rows in ((RAW_NODES, nodes), (RAW_RELS, rels)):
                for start in range(0, len(rows), batch):
                    chunk = rows[start:start + batch]
                    session.execute_write(lambda tx, c=chunk, q=query: tx.run(q, rows=c).consume())
        return len(nodes) + len(rels)

    seconds, records = timed(run)
    return {"records": records, "seconds": round(seconds, 2),
            "records_per_s": round(records / seconds)}


def importer(stores: Stores, path: Path, batch: int) -> dict:
    wipe(stores)
    seconds, report = timed(import_file, stores.vault, path, stores.database("vault"), batch, True)
    policy_s, _ = timed(apply_policy, stores.vault, stores.database("vault"))
    return {"records": report.records, "seconds": round(seconds, 2),
            "records_per_s": round(report.records / seconds),
            "policy_labelling_s": round(policy_s, 2)}


def rerun(stores: Stores, path: Path, batch: int) -> dict:
    """A second load of the same file (idempotent MERGE): how long a re-run costs."""
    seconds, report = timed(import_file, stores.vault, path, stores.database("vault"), batch, False)
    return {"seconds": round(seconds, 2), "records_per_s": round(report.records / seconds)}


def neomodel_naive(stores: Stores, count: int = 1000) -> dict:
    """Per-node saves through the object mapper, against one UNWIND of the same people."""
    from graph import models

    models.use_driver(stores.vault, stores.database("vault"))
    people = [{"name_en": f"Bench Person {i}", "name_ko": f"벤치{i}", "sex": "male",
               "category": "war_abductee", "status": "missing", "birth_year": 1920 + i % 30,
               "synthetic": True} for i in range(count)]

    def saves() -> None:
        for p in people:
            models.Victim(**p).save()

    def unwind() -> None:
        rows = [{"labels": ["Person", "Victim"], "props": {**p, "uid": f"bench-u-{i}"}}
                for i, p in enumerate(people)]
        stores.vault.execute_query(RAW_NODES, rows=rows, database_=stores.database("vault"))

    saves_s, _ = timed(saves)
    unwind_s, _ = timed(unwind)
    stores.vault.execute_query("MATCH (n:Person) WHERE n.name_en STARTS WITH 'Bench Person' "
                               "DETACH DELETE n", database_=stores.database("vault"))
    return {"records": count, "neomodel_saves_per_s": round(count / saves_s),
            "unwind_per_s": round(count / unwind_s),
            "unwind_over_neomodel": round(saves_s / unwind_s, 1)}


RERUN_UP_TO = 50_000  # victims; a re-run at 250k costs ~10 min of the hour and shows nothing new


def run(stores: Stores, path: Path, batch: int = 5000, victims: int = 0) -> dict:
    progress(f"raw UNWIND baseline on {path.name}")
    baseline = raw_baseline(stores, path, batch)
    progress(f"  {baseline['records_per_s']:,} records/s")
    progress("importer (validate, check references, create or MERGE)")
    ours = importer(stores, path, batch)
    progress(f"  {ours['records_per_s']:,} records/s")
    again = None
    if victims <= RERUN_UP_TO:
        progress("re-run of the same file")
        again = rerun(stores, path, batch)
    progress("neomodel per-node saves vs UNWIND, 1,000 people")
    naive = neomodel_naive(stores)
    return {"baseline": baseline, "importer": ours, "rerun": again, "neomodel": naive,
            "importer_over_baseline": round(ours["records_per_s"] / baseline["records_per_s"], 2)}
