"""One JSON error shape for every error, including a store that is down (503)."""

from __future__ import annotations

from flask import Flask, jsonify
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError


def error_body(code: int, status: str, message: str, errors: dict | None = None):
    body = {"code": code, "status": status, "message": message}
    if errors:
        body["errors"] = errors
    return jsonify(body), code


def register(app: Flask) -> None:
    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    def store_down(exc):
        return error_body(503, "Service Unavailable",
                          "the graph database is not reachable right now; try again shortly")

    @app.errorhandler(TransientError)
    def transient(exc):
        return error_body(503, "Service Unavailable", f"the database is busy: {exc.message}")
