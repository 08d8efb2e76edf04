"""Lists and details of public records: victims, perpetrator bodies, places, events,
proceedings, instruments, resources, sources.

A *kind* is the plural the API and pages use in URLs (``victims``); each maps
to one label of the public graph and the vocabulary-valued properties it may
be filtered on, so validation (in the blueprint) and the query agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.public import shape
from service.public.cache import per_revision
from service.stores import public_query

MAX_PER_PAGE = 100
#: Related records shown per relationship group on a detail; the group says how many there are.
PER_GROUP = 50


@dataclass(frozen=True)
class Kind:
    label: str
    #: filterable property -> the vocabulary of its values (graph/vocabularies.py)
    filters: dict[str, str] = field(default_factory=dict)
    years: bool = False
    within: bool = False


KINDS: dict[str, Kind] = {
    "victims": Kind("Victim", {"category": "victim_category", "sex": "sex", "status": "status",
                               "occupation": "occupation", "age_group": "age_group",
                               "nationality": "nationality"}),
    "officials": Kind("Official", {"sex": "sex", "status": "status", "nationality": "nationality"}),
    "perpetrators": Kind("PerpetratorBody", {"perpetrator": "perpetrator", "kind": "body_kind"}),
    "locations": Kind("Location", {"kind": "location_kind", "facility_type": "facility_type"},
                      within=True),
    "events": Kind("Event", {"kind": "event_kind", "date_precision": "date_precision"}, years=True),
    "proceedings": Kind("Proceeding", {"forum": "forum", "status": "proceeding_status",
                                       "outcome": "proceeding_outcome"}),
    "instruments": Kind("Instrument", {"kind": "instrument_kind"}, years=True),
    "resources": Kind("Resource", {"kind": "resource_kind"}, years=True),
    "sources": Kind("Source", {"kind": "source_kind"}),
    "documents": Kind("Document", {"kind": "document_kind", "language": "document_language"}),
    "organizations": Kind("Organization", {"kind": "organization_kind"}),
}


@per_revision
def list_entities(kind: str, filters: dict | None = None, page: int = 1, per_page: int = 20,
                  lang: str = "en", year_from: int | None = None, year_to: int | None = None,
                  within: str | None = None) -> dict:
    """One page of public records of ``kind``.

    ``filters`` maps a property of ``KINDS[kind].filters`` to a value or a list of
    values (any of them matches). Returns ``{"kind", "total", "page", "per_page",
    "items"}``, items in the node shape of :mod:`service.public.shape`, sorted by name.
    """
    spec = KINDS[kind]
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    clean = {}
    for key, value in (filters or {}).items():
        if key not in spec.filters:
            raise ValueError(f"{kind} cannot be filtered on {key!r}")
        if value not in (None, [], ""):
            clean[key] = list(value) if isinstance(value, list | tuple | set) else [value]
    row = public_query("public/list_entities", label=spec.label, filters=clean or None,
                       year_from=year_from if spec.years else None,
                       year_to=year_to if spec.years else None,
                       within=within if spec.within else None,
                       skip=(page - 1) * per_page, limit=per_page)[0]
    return {"kind": kind, "total": row["total"], "page": page, "per_page": per_page,
            "items": [shape.node_from_row(r, lang) for r in row["items"]]}


@per_revision
def get_entity(kind: str, uid: str, lang: str = "en") -> dict | None:
    """One public record of ``kind`` with everything a profile page shows, or None.

    Returns the node shape plus ``relationships`` (groups ``{"type", "direction",
    "total", "items": [{"relationship", "node"}]}``, at most ``PER_GROUP`` items
    each), ``sources`` (the public sources cited by it or its relationships),
    ``proceedings`` linked to it, and ``provenance``: why a person is public (the
    date of the publication consent, whether the family gave it, the public
    sources that cleared them).
    """
    spec = KINDS[kind]
    rows = public_query("public/match_entity", uid=uid, label=spec.label, per_group=PER_GROUP)
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
        for g in row["groups"]
    ]
    out["sources"] = [shape.node_from_row(s, lang) for s in row["sources"] if s["uid"]]
    out["proceedings"] = [shape.node_from_row(p, lang) for p in row["proceedings"] if p["uid"]]
    return out
