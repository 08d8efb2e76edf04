"""The researcher Cypher console's engine: arbitrary *read* queries on the public graph.

It only ever has the public graph's driver, so the worst a query can reach is
what is already published; the checks below keep it from writing, from
reaching outside the database (files, URLs, other databases, the DBMS) and from
exhausting the server. In order, a query is refused when:

1. it is empty, too long, or holds more than one statement (``;``);
2. it uses ``LOAD CSV``, ``USE`` or ``IN TRANSACTIONS`` (or any word on
   transactions: SHOW/TERMINATE TRANSACTIONS);
3. it does not start with a reading clause (MATCH, OPTIONAL MATCH, WITH, UNWIND,
   RETURN, CALL): no ``EXPLAIN``/``PROFILE``/``CYPHER`` prefixes, no SHOW,
   CREATE, DROP, GRANT, ... commands; or it calls a procedure or a namespaced
   function that is not on the allow-lists below (user-defined functions must be
   namespaced, so plain names are always Cypher's own);
4. it uses what the database could not stop once it runs: ``reduce``, regular
   expressions, ``range()`` inside an expression, nested list comprehensions,
   growing ``replace()``, a value built from too many copies of another
   (:mod:`service.public.console_rules` says why, with what was measured);
5. ``EXPLAIN`` says it is not a read-only query (query type other than ``r``),
   or its plan loads CSV or calls a procedure off the allow-list.

It then runs in a READ access-mode transaction (the server refuses writes
there too) with a timeout that covers planning too; at most ``MAX_ROWS`` rows and
``MAX_BYTES`` of results come back, and ``truncated`` says when the cap cut it
short. Every refusal is a :class:`ConsoleRefusal` whose message names the reason: a
:mod:`graph.messages` message, English in the API's answers and the page's language on
the signed-in console page (it crosses the worker's pipe with its message id).
The API runs this in a worker process (:mod:`service.public.console_pool`), which
bounds what a query can do to the web process and enforces the console's memory
limit.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from typing import Any

from neo4j import READ_ACCESS, Driver, Query
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from graph import queries
from graph.messages import N_, Message
from service.public import console_rules, shape
from service.stores import public_driver

MAX_QUERY_CHARS = 10_000
MAX_PARAMS_BYTES = 100_000
MAX_ROWS = 1000
MAX_BYTES = 2_000_000
TIMEOUT_S = 10.0

ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
})
#: Cypher's own namespaced functions (``SHOW FUNCTIONS``), less graph.byName/byElementId,
#: which reach other databases.
ALLOWED_FUNCTIONS = frozenset({
    "date.realtime", "date.statement", "date.transaction", "date.truncate",
    "datetime.fromepoch", "datetime.fromepochmillis", "datetime.realtime", "datetime.statement",
    "datetime.transaction", "datetime.truncate", "duration.between", "duration.inDays",
    "duration.inMonths", "duration.inSeconds", "localdatetime.realtime",
    "localdatetime.statement", "localdatetime.transaction", "localdatetime.truncate",
    "localtime.realtime", "localtime.statement", "localtime.transaction", "localtime.truncate",
    "point.distance", "point.withinBBox", "time.realtime", "time.statement", "time.transaction",
    "time.truncate", "vector.similarity.cosine", "vector.similarity.euclidean",
})
READING_CLAUSES = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL")

_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?(?:\*/|$))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|$)|"(?:[^"\\]|\\.)*(?:"|$))
  | (?P<quoted>`(?:[^`]|``)*(?:`|$))
""", re.VERBOSE | re.DOTALL)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*"
_CALL = re.compile(r"\bCALL\s+(" + _NAME + r")", re.IGNORECASE)
_FUNCTION = re.compile(r"(?<![\w.$])(" + _NAME + r")\s*\(")


class ConsoleRefusal(ValueError):
    """A query the console will not run (or could not finish); ``reason`` is a short code,
    ``message`` (a :class:`~graph.messages.Message`) says why."""

    def __init__(self, reason: str, message: Message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def normalize(query: str) -> str:
    """The query with comments blanked, string literals emptied and backtick-quoted names
    unquoted (so keyword and name checks cannot be dodged by quoting or commenting)."""
    def replace(match: re.Match) -> str:
        if match.group("comment") is not None:
            return " "
        if match.group("string") is not None:
            return "''"
        name = match.group("quoted")[1:].removesuffix("`").replace("``", "`")
        return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) else "_quoted_name_"
    return _TOKEN.sub(replace, query)


def lexed(query: str) -> tuple[str, list[str]]:
    """Like :func:`normalize`, but each string literal becomes a numbered placeholder
    (``'\\x00<n>'``) and its (unescaped) value is kept: the rules that look at
    literals (``replace``'s arguments) need them."""
    literals: list[str] = []

    def replace(match: re.Match) -> str:
        if match.group("string") is None:
            return normalize(match.group(0))
        body = match.group("string")[1:]
        body = body[:-1] if len(body) and body[-1] == match.group("string")[0] else body
        literals.append(re.sub(r"\\(u[0-9a-fA-F]{4}|.)", "x", body))
        return f"'\x00{len(literals) - 1}'"

    return _TOKEN.sub(replace, query), literals


def check_text(query: str) -> str:
    """Refuse by the rules 1-4 above; returns the statement without a trailing ``;``."""
    if not isinstance(query, str) or not query.strip():
        raise ConsoleRefusal("empty", N_("the query is empty"))
    if len(query) > MAX_QUERY_CHARS:
        raise ConsoleRefusal("too_long", N_("the query is longer than %(count)s characters",
                                            count=MAX_QUERY_CHARS))
    statement = query.strip()
    text = normalize(statement).strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
        statement = statement.rstrip().removesuffix(";").rstrip()
    if ";" in text:
        raise ConsoleRefusal("multiple_statements",
                             N_("only one statement per query: remove the ';' between "
                                "statements"))
    if re.search(r"\bLOAD\s+CSV\b", text, re.IGNORECASE):
        raise ConsoleRefusal("load_csv", N_("LOAD CSV is not allowed: the console cannot read "
                                            "files or URLs"))
    if re.search(r"(?:^|[{]|\bUNION(?:\s+ALL|\s+DISTINCT)?)\s*USE\b", text, re.IGNORECASE):
        raise ConsoleRefusal("use_clause", N_("USE is not allowed: the console reads the public "
                                              "graph only"))
    if re.search(r"\bTRANSACTIONS\b", text, re.IGNORECASE):
        raise ConsoleRefusal("transactions", N_("CALL { ... } IN TRANSACTIONS and transaction "
                                                "commands are not allowed"))
    first = re.match(r"[A-Za-z]*", text).group(0).upper()
    if first not in READING_CLAUSES:
        clauses = ", ".join(READING_CLAUSES)
        raise ConsoleRefusal("not_a_read_query", N_(
            "queries must start with %(clauses)s; %(first)s is not allowed in the console",
            clauses=clauses, first=first) if first else N_(
            "queries must start with %(clauses)s; this is not allowed in the console",
            clauses=clauses))
    for match in _CALL.finditer(text):
        name = re.sub(r"\s+", "", match.group(1))
        if name.lower() not in {p.lower() for p in ALLOWED_PROCEDURES}:
            raise ConsoleRefusal("procedure_not_allowed",
                                 N_("procedure %(name)s is not allowed; allowed: %(allowed)s",
                                    name=name, allowed=", ".join(sorted(ALLOWED_PROCEDURES))))
    for match in _FUNCTION.finditer(text):
        name = re.sub(r"\s+", "", match.group(1))
        if "." not in name:
            continue  # a clause keyword or one of Cypher's own functions
        preceding = text[:match.start()].rstrip()
        if re.search(r"\bCALL$", preceding, re.IGNORECASE):
            continue  # a procedure, checked above
        if name.lower() not in {f.lower() for f in ALLOWED_FUNCTIONS}:
            raise ConsoleRefusal("function_not_allowed", N_("function %(name)s is not allowed",
                                                            name=name))
    try:
        console_rules.check(*lexed(statement))
    except console_rules.Refused as exc:
        raise ConsoleRefusal(exc.reason, exc.message) from exc
    return statement


def check_params(params: Any) -> dict:
    if params is None:
        return {}
    if not isinstance(params, Mapping) or not all(isinstance(k, str) for k in params):
        raise ConsoleRefusal("bad_params", N_("params must be an object with string keys"))
    if len(json.dumps(params, default=str)) > MAX_PARAMS_BYTES:
        raise ConsoleRefusal("bad_params", N_("params are larger than %(count)s bytes",
                                              count=MAX_PARAMS_BYTES))
    return dict(params)


def check_plan(session, statement: str, params: dict, timeout: float | None = None,
               metadata: dict | None = None) -> None:
    """Rule 5: EXPLAIN the statement and refuse unless its plan is read-only. Planning
    counts against the query's timeout (a 40-part pattern takes seconds to plan)."""
    try:
        summary = session.run(Query("EXPLAIN " + statement, timeout=timeout, metadata=metadata),
                              params).consume()
    except CypherSyntaxError as exc:
        raise ConsoleRefusal("syntax_error", N_("Cypher syntax error: %(detail)s",
                                                detail=exc.message)) from exc
    except ClientError as exc:
        if "Terminated" in (exc.code or "") or "TimedOut" in (exc.code or ""):
            raise _refusal(exc, timeout or TIMEOUT_S) from exc
        raise ConsoleRefusal("invalid_query", N_("the query was refused by the database: "
                                                 "%(detail)s", detail=exc.message)) from exc
    if summary.query_type != "r":
        raise ConsoleRefusal("not_read_only", _not_read_only(summary.query_type))
    for operator in _operators(summary.plan or {}):
        name = operator.get("operatorType", "")
        if name.startswith("LoadCSV"):
            raise ConsoleRefusal("load_csv", N_("LOAD CSV is not allowed"))
        if name.startswith("ProcedureCall"):
            signature = str(operator.get("args", {}).get("Signature")
                            or operator.get("args", {}).get("Details", ""))
            called = signature.split("(", 1)[0].strip()
            if called not in ALLOWED_PROCEDURES:
                raise ConsoleRefusal("procedure_not_allowed",
                                     N_("procedure %(name)s is not allowed", name=called))


def run(query: str, params: dict | None = None, timeout: float = TIMEOUT_S,
        max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES, driver: Driver | None = None,
        database: str | None = None, lang: str = "en", metadata: dict | None = None) -> dict:
    """Run a read-only query on the public graph.

    Returns ``{"columns", "rows", "nodes", "relationships", "truncated",
    "truncated_reason"}``: rows are lists of JSON values (a node as its node
    shape, a relationship as its relationship shape, a path as ``{"nodes": [uid],
    "relationships": [id]}``); nodes and relationships are every graph element
    the rows mention, in the shapes of :mod:`service.public.shape`. Raises
    :class:`ConsoleRefusal` for a refused, invalid or timed-out query. ``timeout``
    covers planning and running; ``metadata`` goes on both transactions (the worker
    pool finds its queries on the server by it).
    """
    statement = check_text(query)
    params = check_params(params)
    metadata = {"app": "footprints-console", **(metadata or {})}
    deadline = time.monotonic() + timeout
    if driver is None:
        driver, default = public_driver()
        database = database or default
    with driver.session(database=database or "neo4j", default_access_mode=READ_ACCESS,
                        fetch_size=200) as session:
        check_plan(session, statement, params, timeout, metadata)
        remaining = deadline - time.monotonic()
        if remaining <= 0.01:
            raise ConsoleRefusal("timeout", N_("the query took longer than the %(seconds)s s "
                                               "timeout to plan and was stopped",
                                               seconds=f"{timeout:g}"))
        collector = _Collector(lang)
        try:
            # An auto-commit transaction in a READ session: the server refuses any write,
            # and the Query's timeout stops a runaway (what it cannot stop, check_text
            # refused).
            result = session.run(Query(statement, timeout=remaining, metadata=metadata), params)
            columns = list(result.keys())
            rows, size, reason = [], 0, None
            for record in result:
                if len(rows) >= max_rows:
                    reason = "rows"
                    break
                row = [collector.value(v) for v in record.values()]
                size += len(json.dumps(row, default=str))
                if size > max_bytes:
                    reason = "bytes"
                    break
                rows.append(row)
            if reason:
                result.consume()
        except Neo4jError as exc:
            raise _refusal(exc, timeout) from exc
        collector.fill_missing_ends(session)
    return {"columns": columns, "rows": rows, "nodes": list(collector.nodes.values()),
            "relationships": list(collector.relationships.values()),
            "truncated": reason is not None, "truncated_reason": reason,
            "limits": {"rows": max_rows, "bytes": max_bytes, "timeout_s": timeout}}


def _refusal(exc: Neo4jError, timeout: float) -> ConsoleRefusal:
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return ConsoleRefusal("timeout", timed_out(timeout))
    if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
        return ConsoleRefusal("memory", N_("the query needed more memory than a console query "
                                           "may use"))
    if "Forbidden" in code or "AccessMode" in code or "Security" in code:
        return ConsoleRefusal("not_read_only", N_("the database refused the query: %(detail)s",
                                                  detail=exc.message))
    return ConsoleRefusal("query_failed", N_("the query failed: %(detail)s", detail=exc.message))


def timed_out(timeout: float) -> Message:
    """What a query stopped at its timeout is told."""
    return N_("the query took longer than the %(seconds)s s timeout and was stopped",
              seconds=f"{timeout:g}")


def _not_read_only(query_type: str) -> Message:
    """Why a query whose plan is not read-only (``query_type``, EXPLAIN's) is refused."""
    if query_type == "rw":
        return N_("the console runs read-only queries only; this query reads and writes (query "
                  "type %(type)s)", type=repr(query_type))
    if query_type == "w":
        return N_("the console runs read-only queries only; this query writes (query type "
                  "%(type)s)", type=repr(query_type))
    if query_type == "s":
        return N_("the console runs read-only queries only; this query changes the schema or "
                  "the DBMS (query type %(type)s)", type=repr(query_type))
    return N_("the console runs read-only queries only; this query is not read-only (query type "
              "%(type)s)", type=repr(query_type))


def _operators(plan: Mapping):
    yield plan
    for child in plan.get("children", []) or []:
        yield from _operators(child)


class _Collector:
    """Turns result values into JSON and gathers the graph elements they mention."""

    def __init__(self, lang: str):
        self.lang = lang
        self.nodes: dict[str, dict] = {}
        self.relationships: dict[str, dict] = {}
        self._uid_of: dict[str, str] = {}  # element id -> uid
        self._pending: dict[str, Relationship] = {}

    def value(self, value: Any) -> Any:
        if isinstance(value, Node):
            return self.node(value)
        if isinstance(value, Relationship):
            return self.relationship(value)
        if isinstance(value, Path):
            return {"nodes": [self.node(n)["uid"] for n in value.nodes],
                    "relationships": [self.relationship(r)["id"] for r in value.relationships]}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return shape.plain(value)

    def node(self, node: Node) -> dict:
        props = dict(node.items())
        uid = props.get("uid") or node.element_id
        self._uid_of[node.element_id] = uid
        if uid not in self.nodes:
            self.nodes[uid] = shape.node(uid, node.labels, props, self.lang)
        return self.nodes[uid]

    def relationship(self, rel: Relationship) -> dict:
        if rel.element_id not in self.relationships:
            start, end = (self._end(n) for n in (rel.start_node, rel.end_node))
            self.relationships[rel.element_id] = shape.relationship(
                rel.element_id, rel.type, start, end, dict(rel.items()))
            if None in (start, end):
                self._pending[rel.element_id] = rel
        return self.relationships[rel.element_id]

    def _end(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.get("uid"):
            return self.node(node)["uid"]
        return self._uid_of.get(node.element_id)

    def fill_missing_ends(self, session) -> None:
        """Relationships returned without their end nodes get them looked up by element id."""
        if not self._pending:
            return
        ids = {n.element_id for r in self._pending.values() for n in (r.start_node, r.end_node)
               if n is not None and n.element_id not in self._uid_of}
        if ids:
            for row in session.run(queries.text("public/match_by_element_id"), ids=sorted(ids)):
                uid = row["uid"] or row["id"]
                self._uid_of[row["id"]] = uid
                if uid not in self.nodes:
                    self.nodes[uid] = shape.node(uid, row["labels"], row["props"], self.lang)
        for rel_id, rel in self._pending.items():
            out = self.relationships[rel_id]
            out["from"] = self._uid_of.get(rel.start_node.element_id, rel.start_node.element_id)
            out["to"] = self._uid_of.get(rel.end_node.element_id, rel.end_node.element_id)
        self._pending.clear()
