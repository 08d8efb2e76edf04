"""``/health``: is each store up; how many nodes the public graph holds.

Anonymous, so it tells nothing of the vault but up or down: its node count would let
anyone watch it change with every audited read of a confidential record and every
import."""

from __future__ import annotations

from flask import Blueprint, jsonify
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph import queries
from service.stores import stores

blp = Blueprint("health", __name__)


def _store_health(name: str) -> dict:
    s = stores()
    try:
        if name == "vault":
            queries.run(s.driver(name), "health/ping_store", database=s.database(name), timeout=5.0)
            return {"status": "up"}
        rows = queries.run(s.driver(name), "health/count_nodes", database=s.database(name),
                           timeout=5.0)
        return {"status": "up", "nodes": rows[0]["nodes"]}
    except (ServiceUnavailable, SessionExpired, OSError, Neo4jError) as exc:
        return {"status": "down", "error": type(exc).__name__}


@blp.get("/health")
def health():
    report = {name: _store_health(name) for name in ("vault", "public")}
    # The public site lives on the public graph alone: a vault outage degrades
    # editing but is not a reason to take the site out of a load balancer.
    public_up = report["public"]["status"] == "up"
    status = "ok" if all(v["status"] == "up" for v in report.values()) else "degraded"
    return jsonify({"status": status, "stores": report}), 200 if public_up else 503
