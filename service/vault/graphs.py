"""The investigators' graph tools over the vault: neighbourhood, shortest path and chain of
responsibility, limited to what the user may see.

The same tools as the public ones (``service.public.graphs``) and the same graph shape
(``service.public.shape``), but over the vault: witnesses, relatives and the
confidential records of the user's own organisation are in, other organisations'
confidential records and every consent are out. The queries leave out what the user
may not see (so a hidden record neither appears nor carries a path), and every record
is checked again with ``may_see`` before it is shown; a chain of command is cut where it
reaches a record the user may not see. Nodes carry their visibility badge
(``states``: uid -> state) and only their names, gated by the free-text gate; each
non-public record shown is a read, audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from graph import queries
from graph.connections import Stores
from service.public.graphs import (
    DEFAULT_TYPES,
    MAX_HOPS,
    MAX_NODES,
    MAX_PATH_LENGTH,
    ROWS_PER_NODE,
    take_hop,
)
from service.vault.accounts import User
from service.vault.badges import BadgeFacts, visibility_state
from service.vault.browse import labelled
from service.vault.reads import NotVisible, audit_reads, jsonable, require_visible
from service.vault.visibility import visible

DEFAULT_NODES = 150
#: Relationship properties a graph view shows (the rest is on the record's page).
EDGE_PROPERTIES = ("relation", "role", "date_from", "date_to")


def _run(stores: Stores, name: str, **params) -> list[dict]:
    return queries.run(stores.vault, name, database=stores.database("vault"), **params)


def _graph(stores: Stores, user: User, uids: Iterable[str], rels: Iterable[dict], via: str,
           lang: str, **extra) -> dict:
    """The graph shape of ``uids`` (in order) and ``rels`` after the second lock: records
    the user may not see are dropped, with every relationship that touches them."""
    order = list(dict.fromkeys(uids))
    seen = visible(stores, user, order)
    rows = {r["uid"]: r for r in _run(stores, "vault/match_nodes", uids=sorted(seen))}
    kept = [u for u in order if u in seen and u in rows]
    states = {u: visibility_state(BadgeFacts.from_row(rows[u])) for u in kept}
    named = {i["uid"]: i for i in labelled(stores, user, [
        {"uid": u, "labels": rows[u]["labels"], "props": rows[u]["props"], "state": states[u]}
        for u in kept], lang)}
    nodes = [{"uid": u, "labels": [lbl for lbl in rows[u]["labels"] if lbl != "Entity"],
              "caption": named[u]["label"], "properties": {}} for u in kept]
    edges, ids = [], set()
    for r in rels:
        if r["from"] in named and r["to"] in named and r["id"] not in ids:
            ids.add(r["id"])
            edges.append({"id": r["id"], "type": r["type"], "from": r["from"], "to": r["to"],
                          "properties": jsonable({k: v for k, v in r["props"].items()
                                                  if k in EDGE_PROPERTIES})})
    audit_reads(stores, user, [seen[u] for u in kept], via=via)
    return {"nodes": nodes, "relationships": edges, "states": states, **extra}


def neighbourhood(stores: Stores, user: User, uid: str, hops: int = 1,
                  limit: int = DEFAULT_NODES, lang: str = "en") -> dict:
    """The records within ``hops`` (1-3) of ``uid`` that the user may see, capped at
    ``limit`` nodes (``truncated`` says the cap was hit). Raises ``NotVisible``."""
    require_visible(stores, user, uid)
    hops, limit = min(max(hops, 1), MAX_HOPS), min(max(limit, 1), MAX_NODES)
    kept, seen, rels, frontier, truncated = [uid], {uid}, [], [uid], False
    for _ in range(hops):
        if not frontier:
            break
        per_node = max(ROWS_PER_NODE, limit * ROWS_PER_NODE // len(frontier))
        hop = _run(stores, "vault/match_neighbours", frontier=frontier, types=list(DEFAULT_TYPES),
                   organization=user.organization, per_node=per_node)
        frontier, cut = take_hop(hop, per_node, limit, seen, kept, rels)
        truncated |= cut
    return _graph(stores, user, kept, rels, f"network/neighbourhood/{uid}", lang, start=uid,
                  hops=hops, truncated=truncated)


def shortest_path(stores: Stores, user: User, a: str, b: str,
                  max_length: int = MAX_PATH_LENGTH, lang: str = "en") -> dict:
    """The shortest path between ``a`` and ``b`` through records the user may see
    (``paths``: one ``{"length", "nodes", "relationships"}``, or none). Raises
    ``NotVisible`` for an end the user may not see."""
    for uid in (a, b):
        require_visible(stores, user, uid)
    if a == b:
        return _graph(stores, user, [a], [], "network/path", lang,
                      paths=[{"length": 0, "nodes": [a], "relationships": []}])
    rows = _run(stores, "vault/match_shortest_path", **{"from": a, "to": b},
                types=list(DEFAULT_TYPES), organization=user.organization,
                max_length=min(max(max_length, 1), MAX_PATH_LENGTH))
    paths = [{"length": len(r["rels"]), "nodes": r["nodes"],
              "relationships": [x["id"] for x in r["rels"]]} for r in rows]
    out = _graph(stores, user, [a, b, *(n for r in rows for n in r["nodes"])],
                 [x for r in rows for x in r["rels"]], "network/path", lang)
    shown = {n["uid"] for n in out["nodes"]}
    out["paths"] = [p for p in paths if set(p["nodes"]) <= shown]  # second lock: whole or none
    return out


def chain_of_responsibility(stores: Stores, user: User, victim: str,
                            date_from: date | None = None, date_to: date | None = None,
                            lang: str = "en") -> dict:
    """Victim -> events -> perpetrators -> the chain of command above them, as the public
    tool reads it, over what the user may see: an event or perpetrator they may not see
    is left out, a chain stops before the first record they may not see. ``chains``:
    ``[{"event", "perpetrator", "chain": [uid, ...]}]``. Raises ``NotVisible`` unless
    ``victim`` is a victim the user may see."""
    require_visible(stores, user, victim)
    rows = _run(stores, "vault/match_chain_of_responsibility", uid=victim,
                date_from=date_from.isoformat() if date_from else None,
                date_to=date_to.isoformat() if date_to else None)
    if not rows and not _is_victim(stores, victim):
        raise NotVisible(victim)
    allowed = visible(stores, user, {victim, *(u for r in rows for u in (
        r["event"], r["perpetrator"], *r["chain_nodes"]) if u)})
    uids, rels, chains = [victim], [], {}
    for row in rows:
        if row["event"] not in allowed:
            continue
        uids.append(row["event"])
        rels.append(row["subjected"])
        perpetrator = row["perpetrator"] if row["perpetrator"] in allowed else None
        path: list[str] = []
        if perpetrator:
            uids.append(perpetrator)
            rels.append(row["perpetrated"])
            for i, node in enumerate(row["chain_nodes"]):
                if node not in allowed:
                    break
                path.append(node)
                if i > 0:
                    rels.append(row["chain_rels"][i - 1])
            path = path or [perpetrator]
        uids += path
        key = (row["event"], perpetrator)
        if key not in chains or len(path) > len(chains[key]):
            chains[key] = path
    return _graph(stores, user, uids, rels, f"network/chain/{victim}", lang, start=victim,
                  chains=[{"event": e, "perpetrator": p, "chain": c}
                          for (e, p), c in chains.items()])


def _is_victim(stores: Stores, uid: str) -> bool:
    rows = _run(stores, "vault/match_nodes", uids=[uid])
    return bool(rows) and "Victim" in rows[0]["labels"]
