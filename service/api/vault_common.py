"""What the vault blueprints share: the caller, and domain errors as HTTP errors.

Views stay thin: they call a service function inside :func:`http_errors`, which
turns the service layer's exceptions into the API's one error shape, each
naming the field at fault. "No record" is the answer both for a uid that does
not exist and for one the caller may not see, so that error messages never
confirm a hidden record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Response, request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from graph.connections import Stores
from graph.consent.editor import EditError
from service.auth import current_user
from service.stores import vault
from service.vault.accounts import AccountError, User
from service.vault.edits import Conflict, Forbidden, Invalid, Stale
from service.vault.reads import NotVisible

_FIELD = re.compile(r"^([a-z_]+): (.*)$", re.S)


class PublicationReportSchema(Schema):
    generation = fields.Integer(allow_none=True)
    nodes = fields.Dict(keys=fields.String(), values=fields.Integer())
    relationships = fields.Dict(keys=fields.String(), values=fields.Integer())
    removed = fields.List(fields.String())
    decisions = fields.Dict(keys=fields.String(), values=fields.Integer())
    seconds = fields.Float()


class EditResultSchema(Schema):
    message = fields.String(required=True)
    publication = fields.Nested(PublicationReportSchema, allow_none=True)


def result(res) -> dict:
    """An editor operation's result as JSON."""
    pub = res.publication
    return {"message": res.message, "publication": None if pub is None else {
        "generation": pub.generation, "nodes": dict(pub.nodes),
        "relationships": dict(pub.relationships), "removed": list(pub.removed),
        "decisions": dict(pub.decisions), "seconds": round(pub.seconds, 3)}}


def no_store(blp: Blueprint) -> None:
    """Vault data and tokens must not linger in browser or proxy caches."""

    @blp.after_request
    def _no_store(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        return response


def caller() -> tuple[Stores, User]:
    user = current_user()
    assert user is not None, "views using caller() are behind require_role"
    return vault(), user


def field_error(code: int, field: str, reason: str, **extra) -> None:
    abort(code, message=f"{field}: {reason}", errors={field: [reason]}, **extra)


def edit_error(exc: EditError, default_field: str = "request") -> None:
    match = _FIELD.match(str(exc))
    field, reason = (match.group(1), match.group(2)) if match else (default_field, str(exc))
    field_error(422, field, reason)


@contextmanager
def http_errors(default_field: str = "request") -> Iterator[None]:
    try:
        yield
    except NotVisible as exc:
        abort(404, message=str(exc))
    except Invalid as exc:
        abort(422, message=f"invalid input: {exc}", errors=exc.errors)
    except Forbidden as exc:
        field_error(403, exc.field, exc.reason)
    except Stale as exc:
        abort(412, message=str(exc), headers={"ETag": f'"{exc.current}"'})
    except Conflict as exc:
        abort(409, message=str(exc))
    except AccountError as exc:
        field_error(409 if "already exists" in exc.reason else 422, exc.field, exc.reason)
    except EditError as exc:
        edit_error(exc, default_field)


def if_match() -> list[str]:
    """The ETags named by If-Match; 428 without one (``*`` does not count: an edit must say
    which version it was made on)."""
    if "If-Match" not in request.headers:
        abort(428, message="send If-Match with the ETag from your GET of this record, so that "
                           "an edit made on an old version is refused rather than lost")
    tags = request.if_match
    if tags.star_tag or not list(tags):
        abort(428, message="If-Match must name the record's ETag (as returned by GET), not *")
    return list(tags)


IF_MATCH_DOC = {"parameters": [{"in": "header", "name": "If-Match", "required": True,
                                "schema": {"type": "string"},
                                "description": "The ETag from your GET of the record"}],
                "responses": {"412": {"description": "The record changed since you read it"},
                              "428": {"description": "If-Match is missing"}}}
