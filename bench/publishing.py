"""Publication: a full rebuild of the public graph, and the latency of a withdrawal
(the person is out of the public graph when the call returns)."""

from __future__ import annotations

from bench.measure import percentiles, progress, timed
from graph.connections import Stores
from graph.consent import editor
from graph.publication import publish_all

PICK_PUBLIC = """MATCH (p:Person:Public)-[:GAVE]->(c:Consent {purpose: 'publication'})
WHERE c.withdrawn_on IS NULL
RETURN p.uid AS uid ORDER BY p.uid LIMIT $n"""


def full_publish(stores: Stores) -> dict:
    seconds, report = timed(publish_all, stores.vault, stores.public, stores.database("vault"),
                            stores.database("public"), "bench", True)
    return {"seconds": round(seconds, 2), "nodes": sum(report.nodes.values()),
            "relationships": sum(report.relationships.values()),
            "vault_labels": dict(report.decisions)}


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


def run(stores: Stores) -> dict:
    progress("full publish")
    full = full_publish(stores)
    progress(f"  {full['seconds']} s for {full['nodes']:,} nodes, {full['relationships']:,} rels")
    progress("withdrawal latency (20 people)")
    withdraw = withdrawals(stores)
    progress(f"  p50 {withdraw.get('p50_ms')} ms, p95 {withdraw.get('p95_ms')} ms")
    return {"publish": full, "withdrawal": withdraw}
