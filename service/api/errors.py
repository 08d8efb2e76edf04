"""One JSON error shape for every error, including a store that is down (503)."""

from __future__ import annotations

from flask import Flask, jsonify
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
from werkzeug.exceptions import HTTPException, RequestedRangeNotSatisfiable

from graph.encryption import Tampered


def error_body(code: int, status: str, message: str, errors: dict | None = None):
    body = {"code": code, "status": status, "message": message}
    if errors:
        body["errors"] = errors
    return jsonify(body), code


def describe(errors: dict | list | str | None, path: str = "") -> str:
    """Validation errors as one line that names each field and its reason:
    ``{"json": {"purpose": ["Must be one of: ..."]}}`` -> ``purpose: Must be one of: ...``."""
    if isinstance(errors, dict):
        parts = []
        for key, value in errors.items():
            sub = key if not path or path == "json" else f"{path}.{key}"
            parts.append(describe(value, str(sub)))
        return "; ".join(p for p in parts if p)
    if isinstance(errors, list):
        reasons = " ".join(str(e) for e in errors if not isinstance(e, dict | list))
        nested = "; ".join(describe(e, path) for e in errors if isinstance(e, dict | list))
        head = f"{path}: {reasons}" if reasons else ""
        return "; ".join(p for p in (head, nested) if p)
    return f"{path}: {errors}" if errors else ""


def range_headers(exc: HTTPException) -> dict[str, str]:
    """A 416 says the size of the file (``Content-Range: bytes */size``, RFC 9110 15.5.17)."""
    if isinstance(exc, RequestedRangeNotSatisfiable) and exc.length is not None:
        return {"Content-Range": f"bytes */{exc.length}"}
    return {}


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        """flask-smorest's payload, always with a message (422s name the fields)."""
        data = getattr(exc, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        message = data.get("message") or (f"invalid input: {describe(errors)}" if errors else
                                          exc.description)
        headers = dict(data.get("headers") or {})
        if getattr(exc, "valid_methods", None):  # 405 says what is allowed
            headers.setdefault("Allow", ", ".join(exc.valid_methods))
        headers.update(range_headers(exc))
        body, code = error_body(exc.code or 500, exc.name, message, errors)
        return body, code, headers

    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    def store_down(exc):
        return error_body(503, "Service Unavailable",
                          "the graph database is not reachable right now; try again shortly")

    @app.errorhandler(Tampered)
    def tampered(exc: Tampered):
        """A sealed value that does not open (graph/encryption.py): said, naming the record and
        the field, never shown as an empty or garbled field."""
        app.logger.error("encrypted value does not open: %s", exc)
        return error_body(500, "Internal Server Error", f"an encrypted value does not open: {exc}")

    @app.errorhandler(TransientError)
    def transient(exc):
        return error_body(503, "Service Unavailable", f"the database is busy: {exc.message}")
