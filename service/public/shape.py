"""The one shape of nodes and relationships that every public graph query returns.

Node: ``{"uid", "labels", "caption", "properties"}``; relationship: ``{"id",
"type", "from", "to", "properties"}`` (``from``/``to`` are node uids). Values
are made JSON-friendly here (dates as ISO strings, points as ``{lat, lon}``),
and bookkeeping properties of the public graph (its generation, derived search
keys, the provenance fields) are left out of ``properties``: provenance is
shown where it means something, on an entity's detail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.publication import DERIVED_FIELDS
from graph.vocabularies import label as vocab_label

#: Labels every public node carries; they say nothing about what the node is.
PLUMBING_LABELS = frozenset({"Entity", "Public"})
#: Properties that are bookkeeping, not data.
#: ``text_pages``: a document's text can be long; its own page and the API's text endpoint
#: read it (``service.public.documents.text_of``), lists and graph views leave it out.
HIDDEN_PROPERTIES = frozenset({"generation", "search_keys", "text_pages", *DERIVED_FIELDS})
#: Why a person is public: shown on their detail page, not in every graph view.
PROVENANCE = ("cleared_consent_on", "cleared_by_family", "cleared_sources")
#: Primary labels, most specific first.
PRIMARY_LABELS = ("Person", "PerpetratorBody", "Location", "Event", "Proceeding", "Instrument",
                  "Resource", "Source", "Document", "Organization")


_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A JSON-serialisable form of a value read from Neo4j."""
    kind = type(value)
    if kind in _AS_IS:  # by far the most common: checked first, by exact type
        return value
    if kind is list:
        return [plain(v) for v in value]
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Point):
        return {"lat": value.y, "lon": value.x}
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def primary_label(labels: Iterable[str]) -> str | None:
    labels = set(labels)
    return next((lbl for lbl in PRIMARY_LABELS if lbl in labels), None)


def caption(labels: Iterable[str], props: Mapping, lang: str = "en") -> str:
    """A short human name for a node, in ``lang`` where the data has it."""
    kind = primary_label(labels)
    if kind == "Event":
        what = vocab_label("event_kind", props["kind"], lang) if props.get("kind") else "Event"
        return f"{what} {props['year']}" if props.get("year") else what
    if kind == "Proceeding":
        forum = vocab_label("forum", props["forum"], lang) if props.get("forum") else None
        return str(props.get("reference") or props.get("title") or forum or props.get("uid"))
    if kind == "Source":
        return str(props.get("title") or props.get("uid"))
    if kind == "Document":
        first, second = ("title_ko", "title_en") if lang == "ko" else ("title_en", "title_ko")
        return str(props.get(first) or props.get(second) or props.get("uid"))
    name = props.get("name_ko") if lang == "ko" else None
    return str(name or props.get("name_en") or props.get("name_ko") or props.get("uid"))


def node(uid: str, labels: Iterable[str], props: Mapping, lang: str = "en") -> dict:
    labels = list(labels)
    return {
        "uid": uid,
        "labels": [lbl for lbl in labels if lbl not in PLUMBING_LABELS],
        "caption": caption(labels, props, lang),
        "properties": {k: plain(v) for k, v in sorted(props.items())
                       if k not in HIDDEN_PROPERTIES and k not in PROVENANCE},
    }


def node_from_row(row: Mapping, lang: str = "en") -> dict:
    """A node from a query row of the form ``{uid, labels, props}``."""
    return node(row["uid"], row["labels"], row["props"], lang)


def relationship(rel_id: str, rel_type: str, start: str, end: str, props: Mapping) -> dict:
    return {"id": rel_id, "type": rel_type, "from": start, "to": end,
            "properties": {k: plain(v) for k, v in sorted(props.items())
                           if k not in HIDDEN_PROPERTIES}}


def relationship_from_row(row: Mapping) -> dict:
    """A relationship from a query row of the form ``{id, type, from, to, props}``."""
    return relationship(row["id"], row["type"], row["from"], row["to"], row["props"])


class GraphBuilder:
    """Collects nodes and relationships without duplicates, keeping first-seen order."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self.nodes: dict[str, dict] = {}
        self.relationships: dict[str, dict] = {}

    def add_node(self, row: Mapping) -> str:
        if row["uid"] not in self.nodes:
            self.nodes[row["uid"]] = node_from_row(row, self.lang)
        return row["uid"]

    def add_relationship(self, row: Mapping) -> str:
        if row["id"] not in self.relationships:
            self.relationships[row["id"]] = relationship_from_row(row)
        return row["id"]

    def result(self, **extra: Any) -> dict:
        return {"nodes": list(self.nodes.values()),
                "relationships": list(self.relationships.values()), **extra}
