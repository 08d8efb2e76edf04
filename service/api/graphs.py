"""``/api/v1/graphs/...``: neighbourhoods, shortest paths, chains of responsibility and the
proceedings of a case, all in one shape: ``{"nodes": [...], "relationships": [...]}``
(service/public/graphs.py).

Where a record is asked for, a uid or a name will do (service/public/resolve.py): a name
that fits one public record is that record; one that fits several is answered with
HTTP 300 and the candidates (``service.api.find.AmbiguousSchema``), not an error; one
that fits none is a 404 that does not repeat the name."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from service.api.find import AmbiguousSchema, ambiguous
from service.api.public_schemas import GraphSchema, LangArgs
from service.public import graphs
from service.public.resolve import Ambiguous, resolve

blp = Blueprint("graphs", __name__, url_prefix="/api/v1/graphs",
                description="Typed graph queries over the public graph. Every answer has "
                            "nodes (uid, labels, caption, properties) and relationships (id, "
                            "type, from, to, properties).")

TYPES = fields.List(fields.String(validate=validate.OneOf(graphs.REL_TYPES)),
                    validate=validate.Length(max=len(graphs.REL_TYPES)),
                    metadata={"description": "Relationship types to follow (repeat the "
                                             "parameter); default: all but SUPPORTS"})


class DateRangeArgs(LangArgs):
    date_from = fields.Date(metadata={"description": "ISO date: events from"})
    date_to = fields.Date(metadata={"description": "ISO date: events to"})

    @validates_schema
    def in_order(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("date_to is before date_from", "date_to")


class NeighbourhoodArgs(DateRangeArgs):
    hops = fields.Integer(load_default=1, validate=validate.Range(1, graphs.MAX_HOPS),
                          metadata={"description": "1 to 3"})
    types = TYPES
    limit = fields.Integer(load_default=graphs.DEFAULT_NODES,
                           validate=validate.Range(1, graphs.MAX_NODES),
                           metadata={"description": "Most nodes returned"})


class PathArgs(LangArgs):
    from_ = fields.String(data_key="from", required=True, validate=validate.Length(1, 200),
                          metadata={"description": "uid or name of one end"})
    to = fields.String(required=True, validate=validate.Length(1, 200),
                       metadata={"description": "uid or name of the other end"})
    k = fields.Integer(load_default=1, validate=validate.Range(1, graphs.MAX_PATHS),
                       metadata={"description": "How many shortest paths (1: the shortest)"})
    types = TYPES
    max_length = fields.Integer(load_default=graphs.MAX_PATH_LENGTH,
                                validate=validate.Range(1, graphs.MAX_PATH_LENGTH))


class NeighbourhoodSchema(GraphSchema):
    start = fields.String()
    hops = fields.Integer()
    truncated = fields.Boolean(metadata={"description": "The node cap was reached"})


class PathSchema(Schema):
    length = fields.Integer(required=True)
    nodes = fields.List(fields.String(), required=True)
    relationships = fields.List(fields.String(), required=True)


class PathsSchema(GraphSchema):
    paths = fields.List(fields.Nested(PathSchema), required=True)


class ChainSchema(Schema):
    event = fields.String(required=True)
    perpetrator = fields.String(allow_none=True)
    chain = fields.List(fields.String(), required=True, metadata={
        "description": "uids from the perpetrator up the chain of command"})


class ChainsSchema(GraphSchema):
    chains = fields.List(fields.Nested(ChainSchema), required=True)


class StarSchema(GraphSchema):
    start = fields.String()


AMBIGUOUS = {"description": "The name fits several public records: their list, per "
                           "parameter (ask again with one's uid)", "schema": AmbiguousSchema}


def _not_found(exc: graphs.NotFound, what: str = "public record") -> None:
    # The text is not repeated: it may be a name, and an answer that says a name back
    # reads like one that knows it.
    abort(404, message=f"no {what} has this uid or name")


def _resolved(args: dict, names: dict[str, str], kinds: tuple[str, ...] | None = None):
    """``names`` (parameter -> what was given) as uids, or the 300 answer listing the
    candidates of every ambiguous one. Raises ``graphs.NotFound``."""
    uids, several = {}, {}
    for param, text in names.items():
        try:
            uids[param] = resolve(text, kinds, args["lang"])
        except Ambiguous as exc:
            several[param] = exc.candidates
    return (None, ambiguous(several, args["lang"])) if several else (uids, None)


@blp.route("/neighbourhood/<string:uid>")
class Neighbourhood(MethodView):
    @blp.arguments(NeighbourhoodArgs, location="query", unknown=None)
    @blp.response(200, NeighbourhoodSchema)
    @blp.alt_response(300, **AMBIGUOUS)
    def get(self, args, uid: str):
        """The neighbourhood of a node (a uid or a name): 1-3 hops, type filter, node cap,
        event date range."""
        try:
            uids, several = _resolved(args, {"uid": uid})
            if several:
                return several
            return graphs.neighbourhood(uids["uid"], args["hops"], args.get("types"), args["limit"],
                                        args.get("date_from"), args.get("date_to"), args["lang"])
        except graphs.NotFound as exc:
            _not_found(exc)


@blp.route("/paths")
class Paths(MethodView):
    @blp.arguments(PathArgs, location="query", unknown=None)
    @blp.response(200, PathsSchema)
    @blp.alt_response(300, **AMBIGUOUS)
    def get(self, args):
        """The shortest path, or the k shortest paths, between two nodes (uids or names; any
        direction)."""
        try:
            uids, several = _resolved(args, {"from": args["from_"], "to": args["to"]})
            if several:
                return several
            return graphs.shortest_paths(uids["from"], uids["to"], args["k"], args.get("types"),
                                         args["max_length"], args["lang"])
        except graphs.NotFound as exc:
            _not_found(exc)


@blp.route("/chain/<string:uid>")
class Chain(MethodView):
    @blp.arguments(DateRangeArgs, location="query", unknown=None)
    @blp.response(200, ChainsSchema)
    @blp.alt_response(300, **AMBIGUOUS)
    def get(self, args, uid: str):
        """Chain of responsibility of a victim (a uid or a name).

        Victim -> events -> perpetrators -> the chain of command above them (PART_OF,
        REPORTS_TO, COMMANDED_BY, MEMBER_OF), through links valid at the time of each event
        (or in date_from..date_to when given).
        """
        try:
            uids, several = _resolved(args, {"uid": uid}, ("victims",))
            if several:
                return several
            return graphs.chain_of_responsibility(uids["uid"], args.get("date_from"),
                                                  args.get("date_to"), args["lang"])
        except graphs.NotFound as exc:
            _not_found(exc, "public victim")


@blp.route("/cases/<string:uid>/proceedings")
class CaseProceedings(MethodView):
    @blp.arguments(LangArgs, location="query", unknown=None)
    @blp.response(200, StarSchema)
    @blp.alt_response(300, **AMBIGUOUS)
    def get(self, args, uid: str):
        """The proceedings concerning a victim (a uid or a name), with what they invoke and
        name, and who filed them."""
        try:
            uids, several = _resolved(args, {"uid": uid}, ("victims",))
            if several:
                return several
            return graphs.case_proceedings(uids["uid"], args["lang"])
        except graphs.NotFound as exc:
            _not_found(exc, "public victim")


@blp.route("/proceedings/<string:uid>/cases")
class ProceedingCases(MethodView):
    @blp.arguments(LangArgs, location="query", unknown=None)
    @blp.response(200, StarSchema)
    @blp.alt_response(300, **AMBIGUOUS)
    def get(self, args, uid: str):
        """The public victims a proceeding (a uid or a name, e.g. its reference) concerns,
        with their events."""
        try:
            uids, several = _resolved(args, {"uid": uid}, ("proceedings",))
            if several:
                return several
            return graphs.proceeding_cases(uids["uid"], args["lang"])
        except graphs.NotFound as exc:
            _not_found(exc, "public proceeding")
