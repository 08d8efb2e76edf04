"""Merged views: one person as the union of the records judged to be them.

Nothing is merged in the store. A merged view lists, for each field, every value
the records hold and which records hold it (provenance per value), so a
disagreement -- two birth years, say -- stays visible. In the vault the cluster
follows "same" judgements and the view carries the strictest consent label of its
records; in the public graph it follows ``SAME_AS``, which exists only when every
record of the cluster is public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import Driver

from graph import encryption, queries
from graph.consent import policy
from graph.resolution.clusters import PUBLIC_EDGES, VAULT_EDGES, cluster_of

#: The fields a merged view combines (the descriptive ones; never contact or notes).
MERGED_FIELDS = ("name_en", "name_ko", "name_variants", "sex", "birth_year", "nationality",
                 "occupation", "status", "category", "age_group")


@dataclass
class MergedView:
    uid: str
    members: list[str]
    decision: policy.Decision
    fields: dict[str, list[dict]] = field(default_factory=dict)
    places: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"uid": self.uid, "members": self.members, "label": self.decision.label,
                "reasons": list(self.decision.reasons), "fields": self.fields, "places": self.places}


def _plain(value):
    return value.iso_format() if hasattr(value, "iso_format") else value


def merged_view(driver: Driver, database: str, uid: str, store: str = "vault") -> MergedView | None:
    """The merged view of the person ``uid`` (None if there is no such person).

    ``store`` is "vault" (judgements; label = strictest of the records) or "public"
    (SAME_AS links of the public graph)."""
    query = VAULT_EDGES if store == "vault" else PUBLIC_EDGES
    cluster = cluster_of(driver, database, uid, query)
    rows = queries.run(driver, "resolution/match_people", database=database,
                       uids=sorted(cluster.members))
    # A witness's or relative's names are sealed in the vault: opened in memory only.
    rows = [{**r, "props": encryption.opened_names(r["uid"], r["props"])} for r in rows]
    if uid not in {r["uid"] for r in rows}:
        return None
    labels = {r["uid"]: r["label"] for r in rows}
    decision = (policy.decide_merged_view(labels.get(m) for m in sorted(cluster.members))
                if store == "vault" else policy.decide_merged_view(["Public"] * len(rows)))
    view = MergedView(uid, sorted(cluster.members), decision)
    for name in MERGED_FIELDS:
        values: dict = {}
        for row in sorted(rows, key=lambda r: r["uid"]):
            value = row["props"].get(name)
            for item in value if isinstance(value, list) else [value]:
                if item is not None:
                    values.setdefault(_plain(item), []).append(row["uid"])
        if values:
            view.fields[name] = [{"value": v, "records": recs} for v, recs in values.items()]
    places: dict[tuple, list[str]] = {}
    for row in sorted(rows, key=lambda r: r["uid"]):
        for place in row["places"]:
            places.setdefault((place["type"], place["uid"], place["name"]), []).append(row["uid"])
    view.places = [{"type": t, "uid": u, "name": n, "records": recs}
                   for (t, u, n), recs in sorted(places.items())]
    return view
