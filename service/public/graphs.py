"""Typed graph queries over the public graph, each returning one shape:
``{"nodes": [node], "relationships": [relationship], ...}`` (service/public/shape.py).

Neighbourhoods are expanded hop by hop from Python (one named query per hop)
so the node cap holds at every step and a hub such as a capital city cannot
blow a 3-hop query up; paths use Neo4j's ``SHORTEST k`` with a fixed maximum
length, as path lengths cannot be query parameters.
"""

from __future__ import annotations

from datetime import date

from service.public.cache import per_revision
from service.public.shape import GraphBuilder
from service.stores import public_query

MAX_HOPS = 3
MAX_NODES = 500
DEFAULT_NODES = 150
MAX_PATH_LENGTH = 8
MAX_PATHS = 10
#: Relationships read per hop, per node allowed in the result.
ROWS_PER_NODE = 5

#: The relationship types that exist in the public graph (GAVE never reaches it).
REL_TYPES = ("SUBJECTED_TO", "PERPETRATED_BY", "OCCURRED_AT", "LIVED_AT", "TAKEN_FROM",
             "LAST_SEEN_AT", "HELD_AT", "RELATIVE_OF", "WITNESSED", "MEMBER_OF", "PART_OF",
             "COMMANDED_BY", "REPORTS_TO", "WITHIN", "CONCERNS", "NAMES", "INVOKES", "FILED_BY",
             "SUPPORTS")
#: Followed when no types are asked for: everything but SUPPORTS, since one source backs
#: many records and would make every path run through it and fill every neighbourhood.
DEFAULT_TYPES = tuple(t for t in REL_TYPES if t != "SUPPORTS")


class NotFound(LookupError):
    """A uid that names no public node (of the kind asked for)."""


def take_hop(groups: list[dict], per_node: int, limit: int, seen: set[str], kept: list[str],
             rels: list) -> tuple[list[str], bool]:
    """Take one hop's answer (per frontier node, its ``rows`` of ``other`` and ``rel``):
    at most ``per_node`` rows each, new nodes into ``seen`` and ``kept`` until ``limit``,
    every relationship read into ``rels``. Returns the next frontier, and whether
    anything was cut. The vault's neighbourhood (service/vault/graphs.py) takes its hops
    the same way."""
    frontier, truncated = [], False
    for group in groups:
        truncated |= len(group["rows"]) > per_node
        for row in group["rows"][:per_node]:
            other = row["other"]
            if other not in seen:
                if len(kept) >= limit:
                    truncated = True
                    continue
                seen.add(other)
                kept.append(other)
                frontier.append(other)
            rels.append(row["rel"])
    return frontier, truncated


@per_revision
def neighbourhood(uid: str, hops: int = 1, types: list[str] | None = None,
                  limit: int = DEFAULT_NODES, date_from: date | str | None = None,
                  date_to: date | str | None = None, lang: str = "en") -> dict:
    """The public nodes within ``hops`` (1-3) of ``uid`` and the relationships between them.

    ``types`` restricts the relationship types followed (default: ``DEFAULT_TYPES``,
    all but SUPPORTS); ``limit`` caps the nodes
    (the start included; ``truncated`` says the cap was hit); ``date_from``/
    ``date_to`` leave out events outside the range. Raises :class:`NotFound`.
    """
    hops = min(max(hops, 1), MAX_HOPS)
    limit = min(max(limit, 1), MAX_NODES)
    graph = GraphBuilder(lang)
    start = public_query("public/match_nodes", uids=[uid])
    if not start:
        raise NotFound(uid)
    kept, seen, rels = [uid], {uid}, []
    frontier, truncated = [uid], False
    for _ in range(hops):
        if not frontier:
            break
        # Each node of the frontier gets a share of the rows read, so one dense place
        # cannot crowd out the rest (nor cost a read of all its relationships).
        per_node = max(ROWS_PER_NODE, limit * ROWS_PER_NODE // len(frontier))
        hop = public_query("public/match_neighbours", frontier=frontier,
                           types=list(types or DEFAULT_TYPES), date_from=_iso(date_from),
                           date_to=_iso(date_to), per_node=per_node)
        frontier, cut = take_hop(hop, per_node, limit, seen, kept, rels)
        truncated |= cut
    # Properties only for the nodes kept, in one query, in the order they were met.
    rows = {r["uid"]: r for r in public_query("public/match_nodes", uids=kept[1:])}
    graph.add_node(start[0])
    for other in kept[1:]:
        graph.add_node(rows[other])
    for rel in rels:
        graph.add_relationship(rel)
    return graph.result(start=uid, hops=hops, truncated=truncated)


@per_revision
def shortest_paths(a: str, b: str, k: int = 1, types: list[str] | None = None,
                   max_length: int = MAX_PATH_LENGTH, lang: str = "en") -> dict:
    """The ``k`` (1-10) shortest paths between ``a`` and ``b``, in any direction, through
    relationships of ``types`` (default: ``DEFAULT_TYPES``, all but SUPPORTS).

    Returns the graph shape plus ``paths``: ``[{"length", "nodes": [uid],
    "relationships": [id]}]``, shortest first (empty when none is at most
    ``max_length`` long). Raises :class:`NotFound` if either end is not public.
    """
    found = {r["uid"]: r for r in public_query("public/match_nodes", uids=[a, b])}
    missing = [u for u in (a, b) if u not in found]
    if missing:
        raise NotFound(missing[0])
    if a == b:  # the one shortest path from a node to itself has no relationship
        graph = GraphBuilder(lang)
        return graph.result(paths=[{"length": 0, "nodes": [graph.add_node(found[a])],
                                    "relationships": []}])
    k = min(max(k, 1), MAX_PATHS)
    max_length = min(max(max_length, 1), MAX_PATH_LENGTH)
    name = "public/match_shortest_path" if k == 1 else "public/match_shortest_paths"
    rows = public_query(name, **{"from": a, "to": b}, types=list(types or DEFAULT_TYPES),
                        max_length=max_length, k=k)
    graph = GraphBuilder(lang)
    paths = []
    for row in rows:
        paths.append({"length": len(row["rels"]),
                      "nodes": [graph.add_node(n) for n in row["nodes"]],
                      "relationships": [graph.add_relationship(r) for r in row["rels"]]})
    return graph.result(paths=paths)


@per_revision
def chain_of_responsibility(victim_uid: str, date_from: date | str | None = None,
                            date_to: date | str | None = None, lang: str = "en") -> dict:
    """Victim -> events -> perpetrators -> the chain of command above them.

    A chain link counts if its dates overlap the window: ``date_from``/``date_to``
    when given, else the event's own dates (who commanded whom *when it
    happened*). Returns the graph shape plus ``chains``: ``[{"event",
    "perpetrator", "chain": [uid, ...]}]`` (the longest chain per event and
    perpetrator; ``perpetrator`` None when no one is recorded). Raises
    :class:`NotFound` if ``victim_uid`` is not a public victim.
    """
    rows = public_query("public/match_chain_of_responsibility", uid=victim_uid,
                        date_from=_iso(date_from), date_to=_iso(date_to))
    if not rows and not _is_victim(victim_uid):
        raise NotFound(victim_uid)
    graph = GraphBuilder(lang)
    graph.add_node(_victim_row(victim_uid) if not rows else rows[0]["victim"])
    chains: dict[tuple, list[str]] = {}
    for row in rows:
        graph.add_node(row["event"])
        graph.add_relationship(row["subjected"])
        perpetrator = None
        if row["perpetrator"]:
            perpetrator = graph.add_node(row["perpetrator"])
            graph.add_relationship(row["perpetrated"])
        for n in row["chain_nodes"]:
            graph.add_node(n)
        for r in row["chain_rels"]:
            graph.add_relationship(r)
        key = (row["event"]["uid"], perpetrator)
        path = [n["uid"] for n in row["chain_nodes"]] or ([perpetrator] if perpetrator else [])
        if len(path) > len(chains.get(key, [])) or key not in chains:
            chains[key] = path
    return graph.result(chains=[{"event": e, "perpetrator": p, "chain": c}
                                for (e, p), c in chains.items()])


@per_revision
def case_proceedings(victim_uid: str, lang: str = "en") -> dict:
    """The proceedings concerning a public victim, with the instruments they invoke, the
    bodies they name and who filed them. Raises :class:`NotFound`."""
    return _star("public/match_case_proceedings", victim_uid, "Victim", lang)


@per_revision
def proceeding_cases(proceeding_uid: str, lang: str = "en") -> dict:
    """The public victims a proceeding concerns, with their events. Raises :class:`NotFound`."""
    return _star("public/match_proceeding_cases", proceeding_uid, "Proceeding", lang)


def _star(query: str, uid: str, label: str, lang: str) -> dict:
    anchor = public_query("public/match_nodes", uids=[uid])
    if not anchor or label not in anchor[0]["labels"]:
        raise NotFound(uid)
    graph = GraphBuilder(lang)
    graph.add_node(anchor[0])
    for row in public_query(query, uid=uid):
        graph.add_node(row["linked"])
        graph.add_relationship(row["link"])
        if row["node"]:
            graph.add_node(row["node"])
            graph.add_relationship(row["rel"])
    return graph.result(start=uid)


def _is_victim(uid: str) -> bool:
    rows = public_query("public/match_nodes", uids=[uid])
    return bool(rows) and "Victim" in rows[0]["labels"]


def _victim_row(uid: str) -> dict:
    return public_query("public/match_nodes", uids=[uid])[0]


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
