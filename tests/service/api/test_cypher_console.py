"""POST /api/v1/cypher: read-only Cypher on the public graph; a list of attacks is refused
with a 400 naming the reason, and nothing changes."""

from __future__ import annotations

import pytest

from service.public import console
from tests.support.leaks import leaks

URL = "/api/v1/cypher"


@pytest.fixture(scope="module")
def scratch(published_stores):
    """Some hundreds of nodes for a cartesian runaway (not :Entity, so no endpoint sees them)."""
    published_stores.public.execute_query("UNWIND range(1, 300) AS i CREATE (:Scratch {i: i})",
                                          database_=published_stores.database("public"))
    yield
    published_stores.public.execute_query("MATCH (n:Scratch) DELETE n",
                                          database_=published_stores.database("public"))


def counts(stores) -> tuple[int, int, int]:
    public = stores.public.execute_query("MATCH (n) RETURN count(n) AS n",
                                         database_=stores.database("public")).records[0]["n"]
    labels = stores.public.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS l",
                                         database_=stores.database("public")).records[0]["l"]
    vault = stores.vault.execute_query("MATCH (n) RETURN count(n) AS n",
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
                "RETURN i, reduce(s = '', x IN range(1, 400) | s + 'xxxxxxxxxx') AS s")
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
