"""Small public-graph look-ups the pages need and service.public does not offer as such:
what a uid is (to send ``/entity/<uid>`` to the right profile), the profile of a
public person who is neither a victim nor an official (a witness or a relative who was
cleared for publication), in the same shape as ``entities.get_entity``, and the other
public records judged to be the same person (a profile's "also recorded as" panel).

Public graph only, through named queries (``service.stores.public_query``).
"""

from __future__ import annotations

from graph.resolution.clusters import PUBLIC_EDGES, cluster_of
from service.public import entities, shape
from service.stores import public_driver, public_query

#: Primary label -> the URL kind of its profile (``entities.KINDS`` plus ``people``).
KIND_OF_LABEL = {"Victim": "victims", "Official": "officials", "Person": "people",
                 "PerpetratorBody": "perpetrators", "Location": "locations", "Event": "events",
                 "Proceeding": "proceedings", "Instrument": "instruments",
                 "Resource": "resources", "Source": "sources", "Document": "documents",
                 "Organization": "organizations"}
PROFILE_KINDS = tuple(dict.fromkeys(KIND_OF_LABEL.values()))


def kind_for_labels(labels) -> str | None:
    labels = set(labels)
    for label in ("Victim", "Official"):
        if label in labels:
            return KIND_OF_LABEL[label]
    primary = shape.primary_label(labels)
    return KIND_OF_LABEL.get(primary) if primary else None


def kind_of(uid: str) -> str | None:
    """The profile kind of a public node, or None when no public node has this uid."""
    rows = public_query("public/match_nodes", uids=[uid])
    return kind_for_labels(rows[0]["labels"]) if rows else None


def profile(kind: str, uid: str, lang: str = "en") -> dict | None:
    """``entities.get_entity`` for its kinds; for ``people``, the same shape for any public
    Person (the query is the one get_entity runs, with the label ``Person``)."""
    if kind in entities.KINDS:
        return entities.get_entity(kind, uid, lang)
    if kind != "people":
        return None
    rows = public_query("public/match_entity", uid=uid, label="Person",
                        per_group=entities.PER_GROUP)
    if not rows:
        return None
    row = rows[0]
    out = shape.node_from_row(row, lang)
    out["kind"] = kind
    out["provenance"] = {k: shape.plain(row["props"].get(k)) for k in shape.PROVENANCE
                         if row["props"].get(k) is not None}
    out["relationships"] = [
        {"type": g["type"], "direction": g["direction"], "total": g["total"],
         "items": [{"relationship": shape.relationship_from_row(i["rel"]),
                    "node": shape.node_from_row(i["node"], lang)} for i in g["items"]]}
        for g in row["groups"]]
    out["sources"] = [shape.node_from_row(s, lang) for s in row["sources"] if s["uid"]]
    out["proceedings"] = [shape.node_from_row(p, lang) for p in row["proceedings"] if p["uid"]]
    return out


def same_person_records(uid: str, lang: str = "en") -> list[dict]:
    """The other public records judged to be the same person as ``uid``: ``[{"node",
    "organizations"}]`` (node shapes; the organisations that submitted the public sources
    behind the record), by uid.

    The cluster follows ``SAME_AS`` in the public graph, which the publication pipeline
    writes only when every record of the judged cluster is public: a record that is not
    public is not in the public graph, and neither is any link that would lead to it."""
    driver, database = public_driver()
    others = sorted(cluster_of(driver, database, uid, PUBLIC_EDGES).members - {uid})
    if not others:
        return []
    rows = public_query("public/match_same_person_records", uids=others)
    return [{"node": shape.node_from_row(row, lang),
             "organizations": [shape.node_from_row(o, lang) for o in row["organizations"]]}
            for row in rows]
