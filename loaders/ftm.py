"""FollowTheMoney export of the public graph (JSON Lines of entities).

Why FtM: it is the exchange model of OpenSanctions, Aleph and many investigative
tools; a researcher can load our published cases next to sanctions lists and
corporate registries. Why only the public graph: an export leaves us, so it may
hold only what the consent policy cleared; reading the public graph makes that
true by construction.

Mapping (our type -> FtM schema): Person -> Person, PerpetratorBody -> PublicBody,
Organization -> Organization, Location -> Address, Event -> Event, Proceeding ->
CourtCase, Source -> Article / Image / Video / PlainText (by kind), Instrument and
Resource -> PlainText. Relationships become edge entities -- RELATIVE_OF ->
Family, MEMBER_OF and PART_OF -> Membership, SUPPORTS -> Documentation,
CONCERNS / NAMES / FILED_BY -> CourtCaseParty, the rest -> UnknownLink with a role
(a relationship's own ``role``, e.g. a member's post, is a second one) -- or
properties: SUBJECTED_TO -> Event.involved, PERPETRATED_BY -> Event.organizer,
OCCURRED_AT -> Event.addressEntity, LIVED_AT -> Person.addressEntity. Every value
is written in the form FtM keeps after cleaning (lower-case country codes, ISO
dates cut to their precision), so nothing changes on the way in.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from neo4j import Driver
from neo4j.spatial import Point

from graph import queries
from graph.vocabularies import label

NODE_SCHEMA = {"Person": "Person", "PerpetratorBody": "PublicBody", "Organization": "Organization",
               "Location": "Address", "Event": "Event", "Proceeding": "CourtCase",
               "Instrument": "PlainText", "Resource": "PlainText"}
SOURCE_SCHEMA = {"news_article": "Article", "photo": "Image", "video": "Video"}
#: Relationships that become a property of their start node: type -> property.
AS_PROPERTY = {"SUBJECTED_TO": ("end", "involved"), "PERPETRATED_BY": ("start", "organizer"),
               "OCCURRED_AT": ("start", "addressEntity"), "LIVED_AT": ("start", "addressEntity")}
ROLES = {"TAKEN_FROM": "taken from", "LAST_SEEN_AT": "last seen at", "HELD_AT": "held at",
         "WITNESSED": "witnessed", "COMMANDED_BY": "commanded by", "REPORTS_TO": "reports to",
         "WITHIN": "within", "INVOKES": "invokes", "SAME_AS": "same person (editor judgement)",
         "CONCERNS": "concerned person", "NAMES": "named perpetrator", "FILED_BY": "filed by",
         "PART_OF": "part of"}
#: Nationality keys that are not countries.
NOT_COUNTRIES = {"unknown"}


def _plain(value) -> str:
    if hasattr(value, "iso_format"):
        return value.iso_format()[:10]
    return str(value)


def _date(value, precision: str | None = None) -> str | None:
    """An ISO date cut to the precision it is known with (``1977``, ``1977-12``)."""
    if value is None:
        return None
    text = _plain(value)
    return {"year": text[:4], "month": text[:7]}.get(precision or "day", text)


def _names(props: dict) -> list[str]:
    return [n for n in (props.get("name_en"), props.get("name_ko")) if n]


class _Entity:
    def __init__(self, uid: str, schema: str):
        self.id, self.schema = uid, schema
        self.properties: dict[str, list[str]] = defaultdict(list)

    def add(self, prop: str, *values) -> None:
        for value in values:
            if value is None or value == "":
                continue
            text = value if isinstance(value, str) else _plain(value)
            if text not in self.properties[prop]:
                self.properties[prop].append(text)

    def to_dict(self) -> dict:
        return {"id": self.id, "schema": self.schema,
                "properties": {k: v for k, v in sorted(self.properties.items()) if v}}


def node_entity(primary: str, props: dict) -> _Entity:
    """The FtM entity of one public node."""
    uid = props["uid"]
    if primary == "Source":
        entity = _Entity(uid, SOURCE_SCHEMA.get(props.get("kind"), "PlainText"))
        entity.add("title", props.get("title") or label("source_kind", props.get("kind", "")))
        entity.add("sourceUrl", props.get("url"))
        entity.add("date", _date(props.get("submitted_on")))
        return entity
    entity = _Entity(uid, NODE_SCHEMA[primary])
    if primary == "Person":
        entity.add("name", *_names(props))
        entity.add("alias", *(props.get("name_variants") or []))
        if props.get("sex") in ("male", "female"):
            entity.add("gender", props["sex"])
        entity.add("birthDate", props.get("birth_year") and str(props["birth_year"]))
        if props.get("nationality") and props["nationality"] not in NOT_COUNTRIES:
            entity.add("nationality", props["nationality"].lower())
        if props.get("occupation"):
            entity.add("profession", label("occupation", props["occupation"]))
        if props.get("status"):
            entity.add("status", label("status", props["status"]))
        if props.get("category"):
            entity.add("description", label("victim_category", props["category"]))
    elif primary in ("PerpetratorBody", "Organization"):
        entity.add("name", *_names(props))
        kind_vocab = "body_kind" if primary == "PerpetratorBody" else "organization_kind"
        if props.get("kind"):
            entity.add("classification", label(kind_vocab, props["kind"]))
        if props.get("perpetrator"):
            entity.add("description", label("perpetrator", props["perpetrator"]))
        entity.add("incorporationDate", props.get("founded") and str(props["founded"]))
        entity.add("dissolutionDate", props.get("dissolved") and str(props["dissolved"]))
    elif primary == "Location":
        entity.add("name", *_names(props))
        entity.add("full", props.get("name_en"))
        point = props.get("coords")
        if isinstance(point, Point):
            entity.add("latitude", repr(float(point.y)))
            entity.add("longitude", repr(float(point.x)))
    elif primary == "Event":
        precision = props.get("date_precision")
        when = _date(props.get("date_start"), precision if precision != "range" else "day")
        entity.add("name", f"{label('event_kind', props['kind'])}" + (f" ({when})" if when else ""))
        entity.add("startDate", when)
        if precision == "range":
            entity.add("endDate", _date(props.get("date_end")))
        entity.add("summary", props.get("summary_en"))
        entity.add("description", props.get("summary_ko"))
    elif primary == "Proceeding":
        forum = label("forum", props["forum"])
        entity.add("name", props.get("title") or " ".join(x for x in (forum, props.get("reference")) if x))
        entity.add("caseNumber", props.get("reference"))
        entity.add("court", forum)
        entity.add("fileDate", _date(props.get("date_filed")))
        entity.add("closeDate", _date(props.get("date_decided")))
        if props.get("status"):
            entity.add("status", label("proceeding_status", props["status"]))
        if props.get("outcome"):
            entity.add("description", label("proceeding_outcome", props["outcome"]))
    else:  # Instrument, Resource
        entity.add("title", props.get("name_en"))
        entity.add("name", *_names(props))
        entity.add("date", props.get("year") and str(props["year"]))
    return entity


def _edge_id(rtype: str, start: str, end: str, key: str) -> str:
    digest = hashlib.sha1(f"{rtype}|{start}|{end}|{key}".encode()).hexdigest()[:16]
    return f"{rtype.lower()}-{digest}"


def edge_entity(row: dict, primaries: dict[str, str]) -> _Entity | None:
    """The FtM edge entity of one relationship (None when it becomes a property)."""
    rtype, start, end, props = row["type"], row["from"], row["to"], row["props"]
    if rtype in AS_PROPERTY and not (rtype == "LIVED_AT" and primaries.get(start) != "Person"):
        return None
    uid = _edge_id(rtype, start, end, props.get("key") or "")
    if rtype == "RELATIVE_OF":
        entity = _Entity(uid, "Family")
        entity.add("person", start)
        entity.add("relative", end)
        entity.add("relationship", props.get("relation") and label("relation", props["relation"]))
    elif rtype in ("MEMBER_OF", "PART_OF"):
        entity = _Entity(uid, "Membership")
        entity.add("member", start)
        entity.add("organization", end)
        entity.add("role", ROLES.get(rtype))
    elif rtype == "SUPPORTS":
        entity = _Entity(uid, "Documentation")
        entity.add("document", start)
        entity.add("entity", end)
    elif rtype in ("CONCERNS", "NAMES", "FILED_BY"):
        entity = _Entity(uid, "CourtCaseParty")
        entity.add("case", start)
        entity.add("party", end)
        entity.add("role", ROLES[rtype])
    else:
        entity = _Entity(uid, "UnknownLink")
        entity.add("subject", start)
        entity.add("object", end)
        entity.add("role", ROLES.get(rtype, rtype.lower().replace("_", " ")))
    if entity.schema != "Family":  # a relationship's own role (a member's, a unit's) as well
        entity.add("role", props.get("role"))
    entity.add("startDate", _date(props.get("date_from")))
    entity.add("endDate", _date(props.get("date_to")))
    return entity


def entities(public: Driver, database: str = "neo4j") -> Iterator[dict]:
    """Every FtM entity of the public graph: nodes (with the relationships folded into
    their properties), then edges."""
    nodes: dict[str, _Entity] = {}
    primaries: dict[str, str] = {}
    with public.session(database=database) as session:
        for row in session.run(queries.text("export/stream_nodes")):
            primary = next((lbl for lbl in row["labels"] if lbl in NODE_SCHEMA or lbl == "Source"), None)
            if primary is None:
                continue
            entity = node_entity(primary, row["props"])
            nodes[entity.id], primaries[entity.id] = entity, primary
        edges = [r.data() for r in session.run(queries.text("export/stream_relationships"))]
    out_edges = []
    for row in edges:
        if row["from"] not in nodes or row["to"] not in nodes:
            continue
        edge = edge_entity(row, primaries)
        if edge is not None:
            out_edges.append(edge)
            continue
        side, prop = AS_PROPERTY[row["type"]]
        holder, other = (row["to"], row["from"]) if side == "end" else (row["from"], row["to"])
        nodes[holder].add(prop, other)
    for entity in nodes.values():
        yield entity.to_dict()
    for entity in out_edges:
        yield entity.to_dict()


def export_ftm(public: Driver, path: Path | str, database: str = "neo4j") -> int:
    """Write the public graph as FtM JSON Lines; returns the number of entities."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for entity in entities(public, database):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
