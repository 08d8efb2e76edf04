"""Request bodies of the JSON API, checked before anything parses them.

Python's JSON parser recurses once per nesting level and turns every integer
literal into an ``int``: 100,000 nested ``[`` overflow the stack, and a 5,000-digit
integer trips the interpreter's limit on integer digits. Both were 500s on every
write endpoint. So before a view (or flask-smorest's argument parsing) reads a
body, the raw text is scanned with two regular expressions, strings removed
first: brackets nested deeper than ``MAX_DEPTH`` or a run of more than
``MAX_NUMBER_DIGITS`` digits is a 400 naming what was wrong. Bodies over
``MAX_BODY_BYTES`` are a 413 (Flask refuses them as they are read).

An endpoint that declares a JSON body accepts ``application/json`` only: a
form-encoded body used to be read as an empty object, and the schema's defaults
applied (415 now). The declaration is the one flask-smorest keeps for the
OpenAPI document, so the two cannot disagree.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from flask_smorest import abort

MAX_BODY_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NUMBER_DIGITS = 100
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_NUMBER_DIGITS + 1},}}")


def register(app: Flask) -> None:
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default is no limit
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.before_request(check_request_body)


def check_request_body() -> None:
    """Before every API request that writes: the declared content type, then the body's
    nesting depth and number sizes."""
    if request.method not in WRITE_METHODS or not request.path.startswith("/api/"):
        return
    if declares_json_body() and request.mimetype != "application/json":
        sent = request.mimetype or "no content type"
        abort(415, message=f"this endpoint takes a JSON body: send Content-Type: "
                           f"application/json (got {sent})",
              errors={"headers": {"Content-Type": ["must be application/json"]}})
    if request.mimetype == "application/json" or request.is_json:
        problem = json_problem(request.get_data(cache=True))
        if problem:
            abort(400, message=f"the JSON body was refused before parsing: {problem}",
                  errors={"json": {"_body": [problem]}})


def json_problem(raw: bytes) -> str | None:
    """What makes ``raw`` unsafe to hand to the JSON parser, or None. Not a validator: a
    body this lets through can still be malformed JSON (the parser then says so)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    outside = _STRING.sub('""', text)
    depth = 0
    for match in _BRACKET.finditer(outside):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return f"arrays and objects nested more than {MAX_DEPTH} levels deep"
    if _LONG_NUMBER.search(outside):
        return f"a number with more than {MAX_NUMBER_DIGITS} digits"
    return None


def declares_json_body() -> bool:
    """Whether the view serving this request reads a JSON body (flask-smorest's
    ``@blp.arguments`` in the json location, the default)."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return False
    view_class = getattr(view, "view_class", None)
    method = getattr(view_class, request.method.lower(), None) if view_class else view
    parameters = getattr(method, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any((p.get("location") or "json") == "json" for p in parameters)
