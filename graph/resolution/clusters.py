"""Clusters of records judged to be one person, and the SAME_AS links they may publish.

A cluster is a connected component of "same" judgements. Its ``SAME_AS`` links reach
the public graph only when every record of the cluster is Public
(``policy.decide_merged_view``): a public link between two public records must not
stand for, or lean on, a record that is not public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from neo4j import Driver

from graph import queries
from graph.consent import policy

VAULT_EDGES = "resolution/match_same_edges"
PUBLIC_EDGES = "resolution/match_same_as_edges"
ALL_VAULT_EDGES = "resolution/stream_same_edges"
#: Safety stop for the breadth-first walk (a cluster is a handful of records).
MAX_ROUNDS = 50


@dataclass
class Cluster:
    members: set[str] = field(default_factory=set)
    edges: list[tuple[str, str]] = field(default_factory=list)
    labels: dict[str, str | None] = field(default_factory=dict)

    def decision(self) -> policy.Decision:
        return policy.decide_merged_view(self.labels.get(m) for m in sorted(self.members))


def _components(rows: list[dict]) -> list[Cluster]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels: dict[str, str | None] = {}
    for row in rows:
        parent[find(row["a"])] = find(row["b"])
        labels[row["a"]], labels[row["b"]] = row["a_label"], row["b_label"]
    clusters: dict[str, Cluster] = {}
    for row in rows:
        cluster = clusters.setdefault(find(row["a"]), Cluster())
        cluster.members |= {row["a"], row["b"]}
        cluster.edges.append((row["a"], row["b"]))
    for cluster in clusters.values():
        cluster.labels = {m: labels[m] for m in cluster.members}
    return list(clusters.values())


def clusters(driver: Driver, database: str = "neo4j", uids: Iterable[str] | None = None,
             query: str = VAULT_EDGES) -> list[Cluster]:
    """The clusters containing ``uids`` (all clusters of the vault when None), walked
    breadth first from ``uids`` by ``query``."""
    if uids is None:
        return _components(queries.run(driver, ALL_VAULT_EDGES, database=database))
    rows: dict[tuple[str, str], dict] = {}
    seen: set[str] = set()
    frontier = set(uids)
    for _ in range(MAX_ROUNDS):
        if not frontier:
            break
        seen |= frontier
        found = queries.run(driver, query, database=database, uids=sorted(frontier))
        for row in found:
            rows[(row["a"], row["b"])] = row
        frontier = {u for r in found for u in (r["a"], r["b"])} - seen
    return _components(list(rows.values()))


def cluster_of(driver: Driver, database: str, uid: str, query: str = VAULT_EDGES) -> Cluster:
    found = clusters(driver, database, [uid], query)
    return found[0] if found else Cluster(members={uid})


def same_as_rows(vault: Driver, database: str = "neo4j",
                 uids: Iterable[str] | None = None) -> tuple[list[dict], list[str]]:
    """The public ``SAME_AS`` relationships of the clusters containing ``uids`` (all when
    None), and every member of those clusters (whose old links must be replaced)."""
    rows: list[dict] = []
    members: set[str] = set()
    for cluster in clusters(vault, database, uids):
        members |= cluster.members
        if cluster.decision().public:
            rows += [{"from": a, "type": "SAME_AS", "to": b, "key": "", "props": {"key": ""}}
                     for a, b in sorted(cluster.edges)]
    return rows, sorted(members)
