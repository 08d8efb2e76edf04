"""Exchange formats of the public graph: FollowTheMoney (checked with the followthemoney
library: schema, required properties, references, and that no value was dropped or
changed by its cleaning) and GraphML / GEXF (read back with networkx)."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from followthemoney import model

from graph.publication import publish_all
from loaders.ftm import export_ftm
from loaders.gephi import export_graph
from loaders.importer import import_records
from loaders.synthetic import generate


@pytest.fixture
def published(stores, vault, public):
    """A small synthetic dataset, published: people in every consent state, every relation."""
    import_records(vault, enumerate(generate(40, seed=3), start=1), "synthetic")
    publish_all(vault, public)
    return public


def _public_counts(public) -> tuple[Counter, Counter]:
    nodes, _, _ = public.execute_query(
        "MATCH (n:Entity) RETURN [l IN labels(n) WHERE NOT l IN ['Entity', 'Public']][0] AS l, count(*) AS n")
    rels, _, _ = public.execute_query("MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t, count(*) AS n")
    return Counter({r["l"]: r["n"] for r in nodes}), Counter({r["t"]: r["n"] for r in rels})


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
    schemata = Counter(e["schema"] for e in entities)
    for expected in ("Person", "PublicBody", "Organization", "Address", "Event", "Documentation",
                     "UnknownLink", "Membership"):
        assert schemata[expected], expected
    nodes, _ = _public_counts(published)
    assert schemata["Person"] == nodes["Person"] and schemata["Event"] == nodes["Event"]
    assert schemata["CourtCase"] == nodes["Proceeding"]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_the_same_nodes_edges_and_attributes(published, tmp_path,
                                                                         fmt, read):
    path = tmp_path / f"public.{fmt}"
    nodes, edges = export_graph(published, path, fmt)
    graph = read(path)
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
        assert attrs["name_variants"] == "|".join(record["variants"])
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
