"""GraphML and GEXF exports of the public graph, for Gephi and other network tools.

Why networkx: it writes both formats correctly (typed attribute keys, multigraph
edge ids) and reads them back, which is how the tests check a round trip. Why the
public graph only: an export leaves us; what the public graph does not hold cannot
be in it.

Node attributes: ``label`` (a display name Gephi shows), ``node_type`` (the
primary label), ``labels`` (all labels, ``|``-joined) and every public property --
lists joined with ``|``, dates as ISO text, a point as ``lat``/``lon``. Edge
attributes: ``rel_type`` (the relationship type, also Gephi's edge ``label``; GEXF
reserves ``type`` for directedness), ``rel_key`` and its other properties.
Internal bookkeeping (``generation``, the derived search facets) is left out.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from neo4j import Driver
from neo4j.spatial import Point

from graph import queries
from graph.publication import DERIVED_FIELDS

FORMATS = ("graphml", "gexf")
SKIP = {"generation", *DERIVED_FIELDS}
PRIMARY = ("Person", "PerpetratorBody", "Location", "Event", "Proceeding", "Instrument", "Resource",
           "Source", "Document", "Organization")


def _value(value):
    """A value GraphML and GEXF can hold: str, int, float or bool."""
    if isinstance(value, list):
        return "|".join(str(_value(v)) for v in value)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _attributes(props: dict) -> dict:
    out = {}
    for key, value in sorted(props.items()):
        if key in SKIP or value is None:
            continue
        if isinstance(value, Point):
            out["lat"], out["lon"] = float(value.y), float(value.x)
            continue
        out[key] = _value(value)
    return out


def _display(props: dict, primary: str) -> str:
    for key in ("name_en", "name_ko", "title", "reference"):
        if props.get(key):
            return str(props[key])
    if primary == "Event":
        return " ".join(str(x) for x in (props.get("kind"), props.get("year")) if x)
    return str(props.get("uid"))


def public_graph(public: Driver, database: str = "neo4j") -> nx.MultiDiGraph:
    """The public graph as a networkx multigraph keyed by uid."""
    graph = nx.MultiDiGraph(name="Footprints public graph")
    with public.session(database=database) as session:
        for row in session.run(queries.text("export/stream_nodes")):
            props = row["props"]
            primary = next((lbl for lbl in row["labels"] if lbl in PRIMARY), "Entity")
            graph.add_node(props["uid"], label=_display(props, primary), node_type=primary,
                           labels="|".join(sorted(row["labels"])), **_attributes(props))
        for row in session.run(queries.text("export/stream_relationships")):
            attrs = _attributes(row["props"])
            attrs["rel_key"] = attrs.pop("key", "")  # networkx's own edge key is type:key
            key = f"{row['type']}:{attrs['rel_key']}"
            graph.add_edge(row["from"], row["to"], key=key, rel_type=row["type"], label=row["type"],
                           **attrs)
    return graph


def write_graph(graph: nx.MultiDiGraph, path: Path | str, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(graph, path, named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def export_graph(public: Driver, path: Path | str, fmt: str = "graphml",
                 database: str = "neo4j") -> tuple[int, int]:
    """Write the public graph as GraphML or GEXF; returns (nodes, edges)."""
    graph = public_graph(public, database)
    write_graph(graph, path, fmt)
    return graph.number_of_nodes(), graph.number_of_edges()
