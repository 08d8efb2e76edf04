"""Publication: a full rebuild of the public graph, and the latency of a withdrawal
(the person is out of the public graph when the call returns)."""

from __future__ import annotations

from bench.measure import percentiles, progress, timed
from graph.connections import Stores
from graph.consent import editor, screening
from graph.publication import publish_all

PICK_PUBLIC = """MATCH (p:Person:Public)-[:GAVE]->(c:Consent {purpose: 'publication'})
WHERE c.withdrawn_on IS NULL
RETURN p.uid AS uid ORDER BY p.uid LIMIT $n"""


def full_publish(stores: Stores) -> dict:
    seconds, report = timed(publish_all, stores.vault, stores.public, stores.database("vault"),
                            stores.database("public"), "bench", True)
    index = screening.name_index(stores.vault, stores.database("vault"))
    return {"seconds": round(seconds, 2), "nodes": sum(report.nodes.values()),
            "relationships": sum(report.relationships.values()),
            "vault_labels": dict(report.decisions),
            # the free-text gate: its share of the publication (name index included)
            "gate_s": round(report.gate_seconds, 2), "withheld_fields": report.withheld_fields,
            "withheld_records": report.withheld_records,
            "name_index": {"people": index.people, "terms": index.terms}}


def leak_scan(stores: Stores) -> dict:
    """Every string of the public graph against every hidden person's names, by the test
    suite's scanner (tests/support/textscan.py), which does not use the gate's code."""
    from tests.support.textscan import scan

    seconds, (leaks, passes) = timed(scan, stores.vault, stores.public)
    return {"hidden_names_found": len(leaks), "examples": [str(x) for x in leaks[:3]],
            "passes": passes, "seconds": round(seconds, 1)}


def withdrawals(stores: Stores, count: int = 20) -> dict:
    uids = [r["uid"] for r in stores.vault.execute_query(
        PICK_PUBLIC, n=count, database_=stores.database("vault")).records]
    samples = []
    for uid in uids:
        seconds, _ = timed(editor.withdraw_consent, stores, uid, "bench")
        samples.append(seconds)
        left = stores.public.execute_query("MATCH (p {uid: $uid}) RETURN count(p) AS n", uid=uid,
                                           database_=stores.database("public")).records[0]["n"]
        assert left == 0, f"{uid} still public after withdrawal"
    return percentiles(samples)


#: The leak scan reads every public string in Python: run at the smaller scales.
SCAN_UP_TO = 50_000


def run(stores: Stores, victims: int = 0) -> dict:
    progress("full publish")
    full = full_publish(stores)
    progress(f"  {full['seconds']} s for {full['nodes']:,} nodes, {full['relationships']:,} rels; "
             f"free-text gate {full['gate_s']} s, {full['withheld_fields']:,} fields withheld")
    out = {"publish": full}
    if victims <= SCAN_UP_TO:
        progress("leak scan of the public graph")
        out["leak_scan"] = {"after_publish": leak_scan(stores)}
    progress("withdrawal latency (20 people)")
    out["withdrawal"] = withdrawals(stores)
    progress(f"  p50 {out['withdrawal'].get('p50_ms')} ms, p95 {out['withdrawal'].get('p95_ms')} ms")
    if victims <= SCAN_UP_TO:
        out["leak_scan"]["after_withdrawals"] = leak_scan(stores)
        progress(f"  hidden names found: {out['leak_scan']['after_publish']['hidden_names_found']}"
                 f" after publish, {out['leak_scan']['after_withdrawals']['hidden_names_found']}"
                 " after withdrawals")
    return out
