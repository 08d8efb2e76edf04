"""``POST /api/v1/cypher``: the researcher console (service/public/console.py).

Read-only queries on the public graph, for signed-in accounts, run in the console's
worker processes (service/public/console_pool.py); each run, answered or refused, goes
into the account's console history in the vault (service/vault/console.py). Every refusal is a 400 naming its
reason (``errors.reason``; ``errors.json.query`` or ``errors.json.params``), a query
over its timeout or memory included; an account with a query still running gets 409,
a console whose workers are all taken 503 with Retry-After, and an account over its
rate limit 429.
"""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from service.api.public_schemas import NodeSchema, RelationshipSchema
from service.auth import current_user, require_role
from service.public import console
from service.public.console_pool import ConsoleBusy, app_pool
from service.ratelimit import account_key, rate_limit
from service.stores import vault
from service.vault import console as history

blp = Blueprint("cypher", __name__, url_prefix="/api/v1/cypher",
                description="Read-only Cypher on the public graph, for researchers")


class CypherRequestSchema(Schema):
    query = fields.String(required=True, validate=validate.Length(1, console.MAX_QUERY_CHARS),
                          metadata={"description": "One read-only Cypher statement"})
    params = fields.Dict(keys=fields.String(), load_default=dict,
                         metadata={"description": "Query parameters ($name)"})
    timeout = fields.Float(validate=validate.Range(0.1, console.TIMEOUT_S), metadata={
        "description": f"Seconds (at most {console.TIMEOUT_S:g}, the default), planning "
                       "included"})


class CypherResultSchema(Schema):
    columns = fields.List(fields.String(), required=True)
    rows = fields.List(fields.List(fields.Raw()), required=True, metadata={
        "description": "Values as JSON; nodes and relationships in the graph shape, paths as "
                       "{nodes: [uid], relationships: [id]}"})
    nodes = fields.List(fields.Nested(NodeSchema), required=True)
    relationships = fields.List(fields.Nested(RelationshipSchema), required=True)
    truncated = fields.Boolean(required=True)
    truncated_reason = fields.String(allow_none=True, metadata={
        "description": f"rows (more than {console.MAX_ROWS}) or bytes (more than "
                       f"{console.MAX_BYTES})"})
    limits = fields.Dict(keys=fields.String())


@blp.route("")
class Cypher(MethodView):
    @require_role("researcher")
    @rate_limit("cypher", account_key)
    @blp.arguments(CypherRequestSchema)
    @blp.response(200, CypherResultSchema)
    @blp.alt_response(400, description="Refused: the message names the reason (write, "
                                       "LOAD CSV, procedure, reduce, timeout, memory, ...)")
    @blp.alt_response(409, description="This account already has a console query running")
    @blp.alt_response(503, description="Every console worker is taken (see Retry-After)")
    def post(self, body):
        """Run a read-only Cypher query on the public graph.

        Refused with 400: anything but one read-only statement; LOAD CSV; USE; IN TRANSACTIONS;
        admin commands; procedures and functions off the allow-list; what the database could
        not stop once started (reduce, regular expressions, range() inside an expression,
        nested list comprehensions, growing replace(), values built from many copies of
        one); queries over the timeout or the console's memory limit. At most 1000 rows and
        2 MB of results (`truncated` says when cut). One query at a time per account.
        """
        user = current_user()
        try:
            result = app_pool().run(user.uid, body["query"], body.get("params") or {},
                                    timeout=body.get("timeout", console.TIMEOUT_S),
                                    lang=g.get("lang", "en"))
        except console.ConsoleRefusal as exc:
            remember(user.uid, body["query"], None, exc.reason)
            field = "params" if exc.reason == "bad_params" else "query"
            abort(400, message=f"query refused ({exc.reason}): {exc.message}",
                  errors={"json": {field: [exc.message]}, "reason": exc.reason})
        except ConsoleBusy as exc:
            headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
            abort(exc.status, message=exc.message, errors={"reason": exc.reason},
                  **({"headers": headers} if headers else {}))
        remember(user.uid, body["query"], len(result["rows"]),
                 "truncated" if result["truncated"] else "ok")
        return result


def remember(user_uid: str, query: str, rows: int | None, outcome: str) -> None:
    """The run goes into the account's console history (service/vault/console.py)."""
    stores = vault()
    history.record_run(stores.vault, stores.database("vault"), user_uid, query, rows, outcome)
