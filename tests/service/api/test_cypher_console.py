"""POST /api/v1/cypher: read-only Cypher on the public graph; a list of attacks is refused
with a 400 naming the reason, and nothing changes; runaway queries are answered within
their timeout and leave the public store idle (its CPU time measured in /proc), one
query per account, and the site keeps answering meanwhile."""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import replace

import pytest

from service.public import console
from service.public.console_pool import MARGIN_S
from tests.support.cpu import IDLE_CORES, cores_busy, seconds_until_idle, server_pid
from tests.support.leaks import leaks

URL = "/api/v1/cypher"


@pytest.fixture(scope="module")
def scratch(published_stores):
    """Some hundreds of nodes for a cartesian runaway, linked so that variable-length paths
    explode (not :Entity, so no endpoint sees them)."""
    db = published_stores.database("public")
    published_stores.public.execute_query("UNWIND range(1, 300) AS i CREATE (:Scratch {i: i})",
                                          database_=db)
    published_stores.public.execute_query(
        "MATCH (a:Scratch), (b:Scratch) WHERE b.i = a.i + 1 OR b.i = a.i * 2 "
        "CREATE (a)-[:NEXT]->(b)", database_=db)
    yield
    published_stores.public.execute_query("MATCH (n:Scratch) DETACH DELETE n",
                                          database_=published_stores.database("public"))


def counts(stores) -> tuple[int, int, int]:
    public = stores.public.execute_query("MATCH (n) RETURN count(n) AS n",
                                         database_=stores.database("public")).records[0]["n"]
    labels = stores.public.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS l",
                                         database_=stores.database("public")).records[0]["l"]
    # The console's one write is the account's own history of runs (QueryRun nodes).
    vault = stores.vault.execute_query("MATCH (n) WHERE NOT n:QueryRun RETURN count(n) AS n",
                                       database_=stores.database("vault")).records[0]["n"]
    return public, len(labels), vault


def post(client, headers, query, params=None, **extra):
    return client.post(URL, json={"query": query, "params": params or {}, **extra}, headers=headers)


def test_needs_a_researcher_token(public_client):
    response = public_client.post(URL, json={"query": "RETURN 1"})
    assert response.status_code == 401
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_a_read_query_returns_a_table_and_a_graph(public_client, researcher_headers):
    response = post(public_client, researcher_headers,
                    "MATCH (v:Victim {uid: $uid})-[r:SUBJECTED_TO]->(e) "
                    "RETURN v.name_ko AS name, v, r, e ORDER BY e.uid", {"uid": "p-x1"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["columns"] == ["name", "v", "r", "e"]
    assert [row[0] for row in body["rows"]] == ["김철호", "김철호"]
    assert {n["uid"] for n in body["nodes"]} == {"p-x1", "e-x1", "e-x5"}
    assert {(r["from"], r["to"]) for r in body["relationships"]} == {("p-x1", "e-x1"),
                                                                     ("p-x1", "e-x5")}
    assert body["truncated"] is False


def test_relationships_alone_bring_their_ends(public_client, researcher_headers):
    body = post(public_client, researcher_headers,
                "MATCH (:Victim {uid: 'p-x2'})-[r:RELATIVE_OF]->() RETURN r").get_json()
    assert body["relationships"][0]["from"] == "p-x2" and body["relationships"][0]["to"] == "p-x1"
    assert {n["uid"] for n in body["nodes"]} == {"p-x1", "p-x2"}


def test_paths_and_allowed_procedures(public_client, researcher_headers):
    body = post(public_client, researcher_headers,
                "MATCH p = (:Victim {uid: 'p-x1'})-[:SUBJECTED_TO]->(:Event {uid: 'e-x1'}) "
                "RETURN p").get_json()
    assert body["rows"][0][0]["nodes"] == ["p-x1", "e-x1"]
    for query in ("CALL db.labels()", "CALL db.relationshipTypes() YIELD relationshipType "
                  "RETURN relationshipType", "CALL db.propertyKeys()",
                  "CALL db.schema.visualization()",
                  "CALL db.index.fulltext.queryNodes('person_names', '김*') YIELD node "
                  "RETURN node.uid AS uid"):
        response = post(public_client, researcher_headers, query)
        assert response.status_code == 200, (query, response.get_json())


ATTACKS = [
    ("CREATE (n:Pwned) RETURN n", "not_a_read_query"),
    ("MERGE (n:Pwned {uid: 'x'}) RETURN n", "not_a_read_query"),
    ("MATCH (n:Victim) SET n.name_en = 'x'", "not_read_only"),
    ("MATCH (n:Victim) DETACH DELETE n", "not_read_only"),
    ("MATCH (n:Victim) DELETE n", "not_read_only"),
    ("MATCH (n:Victim) REMOVE n.name_en", "not_read_only"),
    ("MATCH (n:Victim) WITH n CREATE (m:Pwned) RETURN m", "not_read_only"),
    ("MATCH (n) CALL (n) { SET n.x = 1 } RETURN count(*)", "not_read_only"),
    ("MATCH (n:Victim) FOREACH (x IN [1] | SET n.x = x)", "not_read_only"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "load_csv"),
    ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line", "load_csv"),
    ("WITH 1 AS x LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS l RETURN l", "load_csv"),
    ("CALL dbms.components()", "procedure_not_allowed"),
    ("CALL dbms.components() YIELD name RETURN name", "procedure_not_allowed"),
    ("CALL dbms.security.listUsers()", "procedure_not_allowed"),
    ("CALL dbms.listConfig()", "procedure_not_allowed"),
    ("CALL dbms.killConnections(['x'])", "procedure_not_allowed"),
    ("CALL db.createLabel('Pwned')", "procedure_not_allowed"),
    ("CALL `db`.`createLabel`('Pwned')", "procedure_not_allowed"),
    ("CALL db /* sneaky */ . createLabel('Pwned')", "procedure_not_allowed"),
    ("CALL db.stats.retrieve('GRAPH COUNTS')", "procedure_not_allowed"),
    ("CALL db.clearQueryCaches()", "procedure_not_allowed"),
    ("CALL tx.setMetaData({a: 1})", "procedure_not_allowed"),
    ("CALL apoc.help('x')", "procedure_not_allowed"),
    ("RETURN apoc.version()", "function_not_allowed"),
    ("RETURN `apoc.text.join`(['a'], ',')", "function_not_allowed"),
    ("RETURN graph.byName('system')", "function_not_allowed"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "multiple_statements"),
    ("RETURN 1; CREATE (n:Pwned)", "multiple_statements"),
    ("USE system SHOW USERS", "use_clause"),
    ("USE system MATCH (n) RETURN n", "use_clause"),
    ("CALL { USE system MATCH (n) RETURN n } RETURN n", "use_clause"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS", "transactions"),
    ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n", "transactions"),
    ("SHOW USERS", "not_a_read_query"),
    ("SHOW DATABASES", "not_a_read_query"),
    ("CREATE USER evil SET PASSWORD 'x'", "not_a_read_query"),
    ("CREATE DATABASE evil", "not_a_read_query"),
    ("DROP INDEX person_names", "not_a_read_query"),
    ("GRANT ROLE admin TO evil", "not_a_read_query"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "transactions"),
    ("EXPLAIN CREATE (n)", "not_a_read_query"),
    ("PROFILE MATCH (n) RETURN n", "not_a_read_query"),
    ("CYPHER runtime=slotted MATCH (n) RETURN n", "not_a_read_query"),
    ("MATCH (n RETURN n", "syntax_error"),
    ("RETURN 'x' * 1000000 AS s", "syntax_error"),  # no string repetition in Cypher
    ("RETURN [1] * 1000000 AS l", "syntax_error"),
    ("", "empty"),
]


@pytest.mark.parametrize("query, reason", ATTACKS)
def test_attacks_are_refused_with_a_named_reason(public_client, researcher_headers,
                                                 published_stores, query, reason):
    before = counts(published_stores)
    response = post(public_client, researcher_headers, query)
    body = response.get_json()
    if reason == "empty":  # the schema refuses it before the console does
        assert response.status_code == 422 and "query" in body["errors"]["json"]
        return
    assert response.status_code == 400, body
    assert body["errors"]["reason"] == reason, body
    assert reason in body["message"] and body["errors"]["json"]["query"]
    assert counts(published_stores) == before


def test_a_cartesian_runaway_times_out(public_client, researcher_headers, published_stores,
                                       scratch):
    before = counts(published_stores)
    response = post(public_client, researcher_headers,
                    "MATCH (a:Scratch), (b:Scratch), (c:Scratch), (d:Scratch) "
                    "WHERE a.i + b.i + c.i + d.i < 0 RETURN count(*)", timeout=1.0)
    body = response.get_json()
    assert response.status_code == 400, body
    assert body["errors"]["reason"] == "timeout" and "timeout" in body["message"]
    # the plain form: the planner may answer from counts at once, or it times out; never harm
    response = post(public_client, researcher_headers,
                    "MATCH (a), (b), (c), (d) RETURN count(*)", timeout=1.0)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.get_json()["errors"]["reason"] == "timeout"
    assert counts(published_stores) == before
    # and the server still answers
    assert post(public_client, researcher_headers, "RETURN 1 AS one").get_json()["rows"] == [[1]]


def test_a_huge_result_is_capped(public_client, researcher_headers):
    response = post(public_client, researcher_headers, "UNWIND range(1, 10000000) AS x RETURN x")
    body = response.get_json()
    assert response.status_code == 200
    assert body["truncated"] is True and body["truncated_reason"] == "rows"
    assert len(body["rows"]) == console.MAX_ROWS
    wide = post(public_client, researcher_headers,
                "UNWIND range(1, 900) AS i "
                "RETURN i, [x IN range(1, 400) | 'xxxxxxxxxx'] AS s")
    body = wide.get_json()
    assert wide.status_code == 200 and body["truncated_reason"] == "bytes"
    assert 0 < len(body["rows"]) < 900


def test_bad_params_and_timeouts_are_validated(public_client, researcher_headers):
    response = public_client.post(URL, json={"query": "RETURN $x", "params": [1]},
                                  headers=researcher_headers)
    assert response.status_code == 422 and "params" in response.get_json()["errors"]["json"]
    response = public_client.post(URL, json={"query": "RETURN 1", "timeout": 3600},
                                  headers=researcher_headers)
    assert response.status_code == 422 and "timeout" in response.get_json()["errors"]["json"]


def test_the_console_sees_only_the_public_graph(public_client, researcher_headers):
    body = post(public_client, researcher_headers,
                "MATCH (n) RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS p").get_json()
    assert not leaks(str(body))
    uids = {row[0] for row in body["rows"]}
    assert "p-x1" in uids and "p-1001" not in uids
    assert not any("Consent" in row[1] or "User" in row[1] for row in body["rows"])


def test_string_literals_and_comments_do_not_confuse_the_checks(public_client, researcher_headers):
    body = post(public_client, researcher_headers,
                "MATCH (v:Victim {uid: 'p-x1'}) // CREATE (x); CALL dbms.components()\n"
                "RETURN 'LOAD CSV; USE system; CALL db.createLabel(1)' AS s, v.uid").get_json()
    assert body["rows"] == [["LOAD CSV; USE system; CALL db.createLabel(1)", "p-x1"]]


def test_check_text_unit():
    assert console.check_text("MATCH (n) RETURN n;  ") == "MATCH (n) RETURN n"
    assert console.check_text("RETURN point.distance(point({x: 0, y: 0}), point({x: 3, y: 4}))")
    assert console.check_text("MATCH (n) RETURN n.use AS use, count { (n)--() } AS degree")
    with pytest.raises(console.ConsoleRefusal):
        console.check_text("RETURN `db.nameFromElementId`('x')")


def test_the_console_is_rate_limited(public_app, researcher_headers):
    from service.ratelimit import limiter

    public_app.config["RATELIMITS"] = {"cypher": "2/minute"}
    limiter.reset()
    try:
        client = public_app.test_client()
        statuses = [post(client, researcher_headers, "RETURN 1").status_code for _ in range(3)]
    finally:
        public_app.config["RATELIMITS"] = {"cypher": "100000/minute"}
        limiter.reset()
    assert statuses == [200, 200, 429]


# -- runaways: answered within the limit, and the store idle again -------------------------
def timed_post(app, headers, query, timeout=None, wait=None):
    """POST from another thread, so that a request that never returns fails the test
    instead of hanging it: (response or None, seconds)."""
    box = {}
    extra = {"timeout": timeout} if timeout else {}

    def call():
        box["response"] = post(app.test_client(), headers, query, **extra)

    started = time.monotonic()
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(wait or (timeout or console.TIMEOUT_S) + MARGIN_S + 5)
    return box.get("response"), time.monotonic() - started


@pytest.fixture(scope="module")
def store_pid(settings, published_stores):
    pid = server_pid(settings, settings.public)
    if pid is None:
        pytest.skip("the public store is given by URI: its CPU cannot be measured here")
    return pid


def assert_store_idle(pid: int) -> None:
    """The store's CPU back under IDLE_CORES within a few seconds."""
    assert seconds_until_idle(pid, within=8) is not None, "the public store is still busy"


#: The issue's two queries and the variants an attacker would try next: each was measured
#: keeping a core busy long after its timeout, "Terminated" or not, so all are refused
#: before they run (service/public/console_rules.py), with the reason named.
UNSTOPPABLE = [
    ("RETURN size(reduce(acc = [], x IN range(1, 5000000) | acc + [x])) AS n", "reduce"),
    ("RETURN size(reduce(s = '', x IN range(1, 5000000) | s + 'xxxxxxxxxx')) AS n", "reduce"),
    ("UNWIND [1] AS one RETURN reduce(n = 0, x IN range(1, 9000000000000) | n + x) AS n",
     "reduce"),
    ("RETURN any(x IN range(1, 9000000000000) WHERE x < 0) AS a", "range"),
    ("RETURN size([x IN range(1, 100000000) | x]) AS n", "range"),
    ("WITH 100000000 AS n RETURN size([x IN range(1, n) WHERE x < 0]) AS m", "range"),
    ("RETURN size(range(1, 9000000000000) + [1]) AS n", "range"),
    ("MATCH (a:Scratch) WITH collect(a.i) AS l "
     "RETURN size([x IN l WHERE any(y IN l WHERE y = -x)]) AS n", "nested_iteration"),
    ("RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | x * y]] AS m", "nested_iteration"),
    ("RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' =~ '(.*a){25}b' AS m", "regex"),
    ("RETURN size(" + "replace(" * 30 + "'x'" + ", 'x', 'xx')" * 30 + ") AS n", "replace"),
    ("WITH range(1, 1000) AS a " + "WITH a + a AS a " * 20 + "RETURN any(x IN a WHERE x < 0)",
     "copies"),
    ("WITH 'xxxxxxxx' AS s " + "WITH s + s AS s " * 30 + "RETURN size(s) AS n", "copies"),
    ("WITH [1] AS a " + "WITH a AS x, a AS y WITH x + y AS a " * 6 + "RETURN size(a) AS n",
     "copies"),
]


@pytest.mark.parametrize("query, reason", UNSTOPPABLE)
def test_what_the_database_cannot_stop_is_refused_before_it_runs(
        public_app, researcher_headers, scratch, store_pid, query, reason):
    response, seconds = timed_post(public_app, researcher_headers, query, timeout=2)
    assert response is not None, f"no answer within {seconds:.0f} s"
    body = response.get_json()
    assert response.status_code == 400, body
    assert body["errors"]["reason"] == reason and body["errors"]["json"]["query"], body
    assert f"({reason})" in body["message"]
    assert seconds < 2 + MARGIN_S
    assert_store_idle(store_pid)


#: Runaways the database does stop between rows: they run until their timeout (or the
#: console's memory limit), and must then be stopped for real.
STOPPABLE = [
    ("MATCH (a:Scratch), (b:Scratch), (c:Scratch), (d:Scratch) "
     "WHERE a.i + b.i + c.i + d.i < 0 RETURN count(*)", "timeout"),
    ("UNWIND range(1, 9000000000000) AS x WITH x WHERE x < 0 RETURN count(*)", "timeout"),
    ("MATCH p = (:Scratch)-[*]-(:Scratch) RETURN count(p)", "timeout"),
    ("MATCH (a:Scratch), (b:Scratch), (c:Scratch), (d:Scratch) "
     "RETURN count(DISTINCT [a.i, b.i, c.i, d.i])", "memory"),
    ("UNWIND range(1, 100000000) AS x RETURN size(collect(x)) AS n", "memory"),
]


@pytest.mark.parametrize("query, reason", STOPPABLE)
def test_a_runaway_is_stopped_at_its_limit_and_the_store_goes_idle(
        public_app, researcher_headers, scratch, store_pid, query, reason):
    response, seconds = timed_post(public_app, researcher_headers, query, timeout=2)
    assert response is not None, f"no answer within {seconds:.0f} s"
    body = response.get_json()
    assert response.status_code == 400 and body["errors"]["reason"] == reason, body
    assert seconds < 2 + MARGIN_S + 1
    assert_store_idle(store_pid)


def test_the_site_answers_while_a_console_query_runs(public_app, researcher_headers, scratch):
    pool_query = ("MATCH (a:Scratch), (b:Scratch), (c:Scratch), (d:Scratch) "
                  "WHERE a.i + b.i + c.i + d.i < 0 RETURN count(*)")
    box = {}
    runner = threading.Thread(target=lambda: box.update(
        response=post(public_app.test_client(), researcher_headers, pool_query, timeout=4)))
    runner.start()
    pool = wait_for_running(public_app)
    client = public_app.test_client()
    assert client.get("/api/v1/stats").status_code == 200
    assert client.get("/").status_code == 200
    assert runner.is_alive() and pool.state()["running"] == 1  # answered while it ran
    # the same account may not start a second one meanwhile
    second = post(client, researcher_headers, "RETURN 1 AS one")
    assert second.status_code == 409 and second.get_json()["errors"]["reason"] == "busy"
    runner.join(4 + MARGIN_S + 2)
    assert box["response"].get_json()["errors"]["reason"] == "timeout"
    assert post(client, researcher_headers, "RETURN 1 AS one").status_code == 200


def wait_for_running(app, within: float = 5.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        pool = app.extensions.get("footprints.console_pool")
        if pool is not None and pool.state()["running"]:
            return pool
        time.sleep(0.05)
    raise AssertionError("the console query did not start")


def test_when_every_worker_is_taken_the_next_query_is_refused_at_once(
        settings, published_stores, researcher_headers, editor_headers, scratch):
    from service.app import create_app

    app = create_app(replace(settings, console_workers=1))
    app.config["TESTING"] = True
    slow = ("MATCH (a:Scratch), (b:Scratch), (c:Scratch), (d:Scratch) "
            "WHERE a.i + b.i + c.i + d.i < 0 RETURN count(*)")
    runner = threading.Thread(target=post, args=(app.test_client(), researcher_headers, slow),
                              kwargs={"timeout": 3})
    runner.start()
    wait_for_running(app)
    response, seconds = timed_post(app, editor_headers, "RETURN 1 AS one", wait=3)
    assert response.status_code == 503 and seconds < 1
    assert response.get_json()["errors"]["reason"] == "saturated"
    assert int(response.headers["Retry-After"]) >= 1
    runner.join(3 + MARGIN_S + 2)
    assert post(app.test_client(), editor_headers, "RETURN 1 AS one").status_code == 200
    app.extensions["footprints.console_pool"].close()


def test_the_request_never_waits_past_the_deadline(public_app, researcher_headers):
    """A worker that does not answer (paused here, as a query the server could not stop
    would leave it) is killed at timeout + MARGIN_S; the web thread answers 400."""
    client = public_app.test_client()
    assert post(client, researcher_headers, "RETURN 1 AS one").status_code == 200
    pool = public_app.extensions["footprints.console_pool"]
    for pid in pool.worker_pids():
        os.kill(pid, signal.SIGSTOP)
    response, seconds = timed_post(public_app, researcher_headers, "RETURN 1 AS one",
                                   timeout=1)
    assert response is not None and response.status_code == 400
    assert response.get_json()["errors"]["reason"] == "timeout"
    assert 1 + MARGIN_S - 0.5 < seconds < 1 + MARGIN_S + 2
    deadline = time.monotonic() + 5
    while pool.state()["stopping"] and time.monotonic() < deadline:
        time.sleep(0.1)  # the watchdog frees the account once the server lists nothing
    assert post(client, researcher_headers, "RETURN 1 AS one").status_code == 200


def test_the_store_is_idle_before_these_tests(store_pid):
    """The measurement's baseline: the idle store stays under the threshold."""
    assert cores_busy(store_pid, 2.0) < IDLE_CORES
