"""Exchange formats of the public graph: FollowTheMoney (checked with the followthemoney
library: schema, required properties, references, that no value was dropped or changed by
its cleaning -- and, entity by entity, against the public graph record it came from) and
GraphML / GEXF (read back with networkx)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from graph.publication import DERIVED_FIELDS, publish_all
from graph.vocabularies import VOCABULARIES
from loaders.ftm import ROLES, export_ftm
from loaders.gephi import export_graph
from loaders.importer import import_file, import_records
from loaders.synthetic import generate

#: A public case written by hand so that every mapping has something to map, whatever the
#: generator draws: related public people (Family), an official's membership, events of day,
#: month and range precision, a proceeding with every field, every kind of node.
EXCHANGE = Path(__file__).resolve().parent / "data" / "exchange_public.jsonl"


@pytest.fixture
def published(stores, vault, public):
    """A small synthetic dataset and the hand-written public case, published: people in
    every consent state, every relation."""
    import_records(vault, enumerate(generate(40, seed=3), start=1), "synthetic")
    import_file(vault, EXCHANGE)
    publish_all(vault, public)
    return public


def _public_counts(public) -> tuple[Counter, Counter]:
    nodes, _, _ = public.execute_query(
        "MATCH (n:Entity) RETURN [l IN labels(n) WHERE NOT l IN ['Entity', 'Public']][0] AS l, count(*) AS n")
    rels, _, _ = public.execute_query("MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t, count(*) AS n")
    return Counter({r["l"]: r["n"] for r in nodes}), Counter({r["t"]: r["n"] for r in rels})


# -- what the public graph says each FtM entity must hold ----------------------------------
PRIMARY = ("Person", "PerpetratorBody", "Location", "Event", "Proceeding", "Instrument",
           "Resource", "Source", "Organization")
#: Public node fields FtM does not carry, and why. Every other public field must reach the
#: entity: a field added to the public graph and not mapped fails the test.
NOT_CARRIED = {
    "*": {"uid": "the entity id", "generation": "public-graph bookkeeping",
          "synthetic": "a property of the whole export",
          "search_keys": "derived from the names, for search (graph/search_keys.py)"},
    "Person": {"search_keys": "derived from the names", "age_group": "no FtM property",
               "cleared_consent_on": "publication provenance", "cleared_by_family": "provenance",
               "cleared_sources": "provenance (the Documentation entities carry the sources)",
               **dict.fromkeys(DERIVED_FIELDS, "derived from the relationships, for search")},
    "Event": {"year": "checked equal to the year of date_start",
              "date_precision": "startDate is cut to it",
              "date_end": "implied by the precision, checked; endDate of a range"},
    "Location": {"kind": "no FtM property", "facility_type": "no FtM property"},
    "Source": {"kind": "the schema", "terms_of_use": "always public in the public graph",
               "submitted_by": "no FtM property on a document"},
    "Instrument": {"key": "an internal key", "kind": "no FtM property"},
    "Resource": {"kind": "no FtM property"},
}
#: Relationship fields FtM does not carry: the edge id stands for ``key``; fact sources are not
#: mapped (SUPPORTS is, as Documentation).
REL_NOT_CARRIED = {"key", "sources", "generation"}
#: Relationships that become a property of one end: type -> (holder end, property, other end).
FOLDED = {"SUBJECTED_TO": ("to", "involved", "from"), "PERPETRATED_BY": ("from", "organizer", "to"),
          "OCCURRED_AT": ("from", "addressEntity", "to"), "LIVED_AT": ("from", "addressEntity", "to")}
#: ... and what of them is lost with the fold: an organizer has no role in FtM.
FOLDED_NOT_CARRIED = {"PERPETRATED_BY": {"role"}}
COURT_CASE_PARTIES = ("CONCERNS", "NAMES", "FILED_BY")
DOCUMENT_SCHEMA = {"news_article": "Article", "photo": "Image", "video": "Video"}


def _label(vocabulary: str, key: str) -> str:
    return VOCABULARIES[vocabulary][key]["en"]


def _iso(value) -> str:
    return value.iso_format()[:10]


class _Fields:
    """A record's properties, remembering which were read (the rest must be NOT_CARRIED)."""

    def __init__(self, props: dict):
        self.props, self.read = props, set()

    def __call__(self, name: str):
        self.read.add(name)
        return self.props.get(name)

    def names(self) -> list[str]:
        return [n for n in (self("name_en"), self("name_ko")) if n]


def _expected_node(primary: str, f: _Fields) -> tuple[str, dict[str, list]]:
    """The FtM schema and properties the public record ``f`` must give."""
    if primary == "Person":
        sex, nationality = f("sex"), f("nationality")
        return "Person", {
            "name": f.names(), "alias": f("name_variants") or [],
            "gender": [sex] if sex in ("male", "female") else [],
            "birthDate": [str(f("birth_year"))] if f("birth_year") is not None else [],
            "nationality": [nationality.lower()] if nationality not in (None, "unknown") else [],
            "profession": [_label("occupation", f("occupation"))] if f("occupation") else [],
            "status": [_label("status", f("status"))] if f("status") else [],
            "description": [_label("victim_category", f("category"))] if f("category") else []}
    if primary in ("PerpetratorBody", "Organization"):
        kinds = "body_kind" if primary == "PerpetratorBody" else "organization_kind"
        return ("PublicBody" if primary == "PerpetratorBody" else "Organization"), {
            "name": f.names(),
            "classification": [_label(kinds, f("kind"))] if f("kind") else [],
            "description": [_label("perpetrator", f("perpetrator"))] if f("perpetrator") else [],
            "incorporationDate": [str(f("founded"))] if f("founded") is not None else [],
            "dissolutionDate": [str(f("dissolved"))] if f("dissolved") is not None else []}
    if primary == "Location":
        point = f("coords")
        return "Address", {"name": f.names(), "full": [f("name_en")],
                           "latitude": [point.y] if point else [],
                           "longitude": [point.x] if point else []}
    if primary == "Event":
        precision, start, end = f("date_precision"), f("date_start"), f("date_end")
        when = _iso(start)[:{"year": 4, "month": 7}.get(precision, 10)] if start else None
        if start and end and precision != "range":  # a day, month or year: end within it
            assert _iso(end).startswith(when), (f.props["uid"], precision, start, end)
        if f("year") is not None and start:
            assert f("year") == start.year, f.props["uid"]
        kind = _label("event_kind", f("kind"))
        return "Event", {
            "name": [f"{kind} ({when})" if when else kind], "startDate": [when] if when else [],
            "endDate": [_iso(end)] if precision == "range" and end else [],
            "summary": [f("summary_en")] if f("summary_en") else [],
            "description": [f("summary_ko")] if f("summary_ko") else []}
    if primary == "Proceeding":
        forum, reference, title = _label("forum", f("forum")), f("reference"), f("title")
        return "CourtCase", {
            "name": [title or " ".join(x for x in (forum, reference) if x)],
            "caseNumber": [reference] if reference else [], "court": [forum],
            "fileDate": [_iso(f("date_filed"))] if f("date_filed") else [],
            "closeDate": [_iso(f("date_decided"))] if f("date_decided") else [],
            "status": [_label("proceeding_status", f("status"))] if f("status") else [],
            "description": [_label("proceeding_outcome", f("outcome"))] if f("outcome") else []}
    if primary == "Source":
        kind = f("kind")
        return DOCUMENT_SCHEMA.get(kind, "PlainText"), {
            "title": [f("title") or _label("source_kind", kind)],
            "sourceUrl": [f("url")] if f("url") else [],
            "date": [_iso(f("submitted_on"))] if f("submitted_on") else []}
    # Instrument, Resource
    return "PlainText", {"title": [f("name_en")], "name": f.names(),
                         "date": [str(f("year"))] if f("year") is not None else []}


def _expected_edge(rel: dict) -> tuple[str, dict[str, list]]:
    rtype, props = rel["type"], rel["props"]
    role = [props["role"]] if props.get("role") else []
    if rtype == "RELATIVE_OF":
        schema, out = "Family", {"person": [rel["from"]], "relative": [rel["to"]],
                                 "relationship": [_label("relation", props["relation"])]}
    elif rtype in ("MEMBER_OF", "PART_OF"):
        schema, out = "Membership", {"member": [rel["from"]], "organization": [rel["to"]],
                                     "role": ([ROLES["PART_OF"]] if rtype == "PART_OF" else []) + role}
    elif rtype == "SUPPORTS":
        schema, out = "Documentation", {"document": [rel["from"]], "entity": [rel["to"]]}
    elif rtype in COURT_CASE_PARTIES:
        schema, out = "CourtCaseParty", {"case": [rel["from"]], "party": [rel["to"]],
                                         "role": [ROLES[rtype]] + role}
    else:
        schema, out = "UnknownLink", {"subject": [rel["from"]], "object": [rel["to"]],
                                      "role": [ROLES.get(rtype, rtype.lower().replace("_", " "))] + role}
    out["startDate"] = [_iso(props["date_from"])] if props.get("date_from") else []
    out["endDate"] = [_iso(props["date_to"])] if props.get("date_to") else []
    carried = {"relation", "role", "date_from", "date_to"}
    assert set(props) <= carried | REL_NOT_CARRIED, (rtype, sorted(set(props) - carried))
    return schema, out


def _comparable(props: dict[str, list]) -> dict[str, tuple]:
    """Empty properties dropped, values in order; coordinates as numbers (a float written as
    text must read back as the same float)."""
    out = {}
    for prop, values in props.items():
        if prop in ("latitude", "longitude"):
            values = [float(v) for v in values]
        if values:
            out[prop] = tuple(sorted(values))
    return out


def expected_entities(public) -> tuple[dict[str, tuple[str, dict]], Counter]:
    """From the public graph: ``{uid: (schema, properties)}`` of the node entities and the
    multiset of ``(schema, properties)`` of the edge entities."""
    records, _, _ = public.execute_query(
        "MATCH (n:Entity) RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props")
    nodes: dict[str, tuple[str, dict]] = {}
    for record in records:
        primary = next(lbl for lbl in PRIMARY if lbl in record["labels"])
        fields = _Fields(record["props"])
        schema, props = _expected_node(primary, fields)
        unread = set(record["props"]) - fields.read - set(NOT_CARRIED["*"])
        unread -= set(NOT_CARRIED.get(primary, {}))
        assert not unread, (record["uid"], primary, sorted(unread))
        nodes[record["uid"]] = (schema, props)
    records, _, _ = public.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) "
        "RETURN type(r) AS type, a.uid AS from, b.uid AS to, properties(r) AS props")
    edges: Counter = Counter()
    for rel in (r.data() for r in records):
        if rel["type"] in FOLDED and not (rel["type"] == "LIVED_AT"
                                          and nodes[rel["from"]][0] != "Person"):
            holder, prop, other = FOLDED[rel["type"]]
            nodes[rel[holder]][1].setdefault(prop, []).append(rel[other])
            lost = set(rel["props"]) - REL_NOT_CARRIED - FOLDED_NOT_CARRIED.get(rel["type"], set())
            assert not lost, (rel["type"], sorted(lost))
            continue
        schema, props = _expected_edge(rel)
        edges[(schema, tuple(sorted(_comparable(props).items())))] += 1
    return {uid: (schema, _comparable(props)) for uid, (schema, props) in nodes.items()}, edges


def test_ftm_export_is_valid_followthemoney(published, tmp_path):
    path = tmp_path / "public.ftm.jsonl"
    count = export_ftm(published, path)
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == len(entities) > 100
    ids = {e["id"]: e["schema"] for e in entities}
    assert len(ids) == len(entities), "entity ids are unique"
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        for required in schema.required:  # the library checks only what is present
            assert entity["properties"].get(required), (entity["id"], required)
        proxy = model.get_proxy(entity, cleaned=False)
        for prop, values in entity["properties"].items():
            assert prop in schema.properties, (entity["schema"], prop)
            assert sorted(proxy.get(prop)) == sorted(values), (entity["id"], prop, values,
                                                               proxy.get(prop))
            target = schema.properties[prop]
            if target.type.name == "entity":  # references point at exported entities of the range
                for value in values:
                    assert value in ids, (entity["id"], prop, value)
                    assert model.get(ids[value]).is_a(target.range), (prop, ids[value])

    # Entity by entity against the public graph record it came from: a property dropped,
    # changed or added on the way fails here.
    want_nodes, want_edges = expected_entities(published)
    got_nodes = {e["id"]: (e["schema"], _comparable(e["properties"])) for e in entities
                 if e["id"] in want_nodes}
    assert set(got_nodes) == set(want_nodes), "one entity per public node"
    for uid, (schema, props) in want_nodes.items():
        assert got_nodes[uid][0] == schema, (uid, got_nodes[uid][0], schema)
        assert got_nodes[uid][1] == props, (uid, got_nodes[uid][1], props)
    got_edges = Counter((e["schema"], tuple(sorted(_comparable(e["properties"]).items())))
                        for e in entities if e["id"] not in want_nodes)
    assert got_edges == want_edges, (got_edges - want_edges, want_edges - got_edges)

    # and against the hand-written file itself, so that the public graph cannot be wrong in
    # the same way as the export
    by_id = {e["id"]: e["properties"] for e in entities}
    victim = by_id["xp-victim"]
    assert victim["name"] == ["Pak Sun-ok", "박순옥"]
    assert sorted(victim["alias"]) == ["Bak Sun-ok", "Pak Sunok"]
    assert (victim["birthDate"], victim["gender"], victim["nationality"]) == (["1958"], ["female"],
                                                                             ["kr"])
    assert victim["addressEntity"] == ["xp-loc-home"]
    home = by_id["xp-loc-home"]
    assert (float(home["latitude"][0]), float(home["longitude"][0])) == (37.4563, 126.7052)
    assert by_id["xp-e-abduction"]["startDate"] == ["1977-08-12"]
    assert by_id["xp-e-disappearance"]["startDate"] == ["1986-05"]
    detention = by_id["xp-e-detention"]
    assert (detention["startDate"], detention["endDate"]) == (["1978-03-01"], ["1985-06-30"])
    assert detention["organizer"] == ["xp-official"] and detention["involved"] == ["xp-victim"]
    case = by_id["xp-proc"]
    assert (case["caseNumber"], case["court"]) == (["WGEID synthetic case 20770812"], ["UN WGEID"])
    assert (case["fileDate"], case["closeDate"]) == (["2016-05-02"], ["2018-09-14"])

    schemata = Counter(e["schema"] for e in entities)
    for expected in ("Person", "PublicBody", "Organization", "Address", "Event", "Documentation",
                     "UnknownLink", "Membership", "Family", "CourtCase", "CourtCaseParty",
                     "Article", "PlainText"):
        assert schemata[expected] > 0, expected
    nodes, rels = _public_counts(published)
    assert schemata["Person"] == nodes["Person"] and schemata["Event"] == nodes["Event"]
    assert schemata["CourtCase"] == nodes["Proceeding"] > 0
    assert schemata["Family"] == rels["RELATIVE_OF"] > 0
    assert schemata["Membership"] == rels["MEMBER_OF"] + rels["PART_OF"] and rels["MEMBER_OF"] > 0
    families = [e for e in entities if e["schema"] == "Family"]
    assert {"person": ["xp-sister"], "relationship": ["Sibling"], "relative": ["xp-victim"]} in [
        e["properties"] for e in families]
    membership = [e["properties"] for e in entities if e["schema"] == "Membership"
                  and e["properties"]["member"] == ["xp-official"]]
    assert membership == [{"endDate": ["1990-12-31"], "member": ["xp-official"],
                           "organization": ["xp-body"], "role": ["interrogator"],
                           "startDate": ["1975-01-01"]}]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_the_same_nodes_edges_and_attributes(published, tmp_path,
                                                                         fmt, read):
    path = tmp_path / f"public.{fmt}"
    nodes, edges = export_graph(published, path, fmt)
    # networkx reads a simple graph when the file happens to have no parallel edges:
    # always compare as a multigraph, whatever the data.
    graph = nx.MultiDiGraph(read(path))
    node_counts, rel_counts = _public_counts(published)
    assert graph.number_of_nodes() == nodes == sum(node_counts.values())
    assert graph.number_of_edges() == edges == sum(rel_counts.values())
    assert Counter(d["node_type"] for _, d in graph.nodes(data=True)) == node_counts
    assert Counter(d["rel_type"] for _, _, d in graph.edges(data=True)) == rel_counts
    records, _, _ = published.execute_query(
        "MATCH (p:Person) RETURN p.uid AS uid, p.name_en AS name, p.name_ko AS ko, "
        "p.birth_year AS year, p.name_variants AS variants LIMIT 5")
    for record in records:
        attrs = graph.nodes[record["uid"]]
        assert attrs["name_en"] == record["name"] and attrs.get("name_ko") == record["ko"]
        assert int(attrs["birth_year"]) == record["year"]
        # an empty list is written as an empty value, which GraphML readers leave out
        assert attrs.get("name_variants", "") == "|".join(record["variants"] or [])
        assert attrs["label"] == record["name"]
    records, _, _ = published.execute_query(
        "MATCH (l:Location) WHERE l.coords IS NOT NULL RETURN l.uid AS uid, l.coords AS c LIMIT 3")
    for record in records:
        assert float(graph.nodes[record["uid"]]["lat"]) == pytest.approx(record["c"].y)
    records, _, _ = published.execute_query(
        "MATCH (a)-[r:SUBJECTED_TO]->(b) RETURN a.uid AS a, b.uid AS b, r.sources AS s LIMIT 3")
    for record in records:
        data = [d for d in graph.get_edge_data(record["a"], record["b"]).values()
                if d["rel_type"] == "SUBJECTED_TO"]
        assert data and data[0]["sources"] == "|".join(record["s"])
