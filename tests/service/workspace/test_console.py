"""The signed-in console: queries run as the account (no token), saved queries and
history that belong to one account, CSV of a result, and the same refusals as the API."""

from __future__ import annotations

import csv
import io
import re

from service.public.console_csv import to_csv
from tests.support.leaks import leaks
from tests.support.workspace import signed_in

COUNT = "MATCH (p:Person) RETURN count(p) AS people"


def test_a_query_runs_as_the_signed_in_researcher(browser, users, stores):
    b = signed_in(browser, users["researcher"])
    page = b.get("/workspace/console")
    assert page.status_code == 200 and "fpt_" not in page.get_data(as_text=True)
    response = b.post("/workspace/console", {"query": COUNT})
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text
    assert 'id="console-table"' in text and "1 row." in text
    history = b.get("/workspace/console").get_data(as_text=True)
    assert "MATCH (p:Person) RETURN count(p)" in history.split('id="query-history"')[1]


def test_refusals_are_shown_and_kept_in_history(browser, users):
    b = signed_in(browser, users["researcher"])
    b.get("/workspace/console")
    response = b.post("/workspace/console", {"query": "MATCH (n) DETACH DELETE n"})
    assert response.status_code == 400
    assert "Query refused" in response.get_data(as_text=True)
    assert "refused:" in b.get("/workspace/console").get_data(as_text=True)
    assert b.post("/workspace/console", {"query": ""}).status_code == 400
    assert b.post("/workspace/console", {"query": "x" * 20_001}).status_code == 400


def test_results_hold_only_public_people(browser, users):
    b = signed_in(browser, users["researcher"])
    b.get("/workspace/console")
    page = b.post("/workspace/console", {
        "query": "MATCH (p:Person) RETURN p, p.name_en AS name, p.uid AS uid"}).get_data(
        as_text=True)
    assert "p-1007" in page  # a public person is there
    assert leaks(page) == []


def test_csv_of_a_result_is_safe_for_spreadsheets(browser, users):
    b = signed_in(browser, users["researcher"])
    b.get("/workspace/console")
    response = b.post("/workspace/console/result.csv",
                      {"query": "RETURN '=HYPERLINK(\"x\")' AS f, 1 AS n, ['a', 'b'] AS l"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["f", "n", "l"], ["'=HYPERLINK(\"x\")", "1", "a; b"]]


def test_to_csv_shapes_graph_values():
    node = {"uid": "p-1", "caption": "Kim", "labels": ["Person"], "properties": {}}
    rel = {"id": "r", "type": "TAKEN_FROM", "from": "p-1", "to": "l-1", "properties": {}}
    text = to_csv(["n", "r", "p"], [[node, rel, {"nodes": ["p-1", "l-1"], "relationships": []}]])
    assert text.splitlines()[1] == "Kim (p-1),(p-1)-[:TAKEN_FROM]->(l-1),p-1 -> l-1"


def test_saved_queries_belong_to_one_account(browser, users):
    mine = signed_in(browser, users["researcher"])
    mine.get("/workspace/console")
    assert mine.post("/workspace/console/saved", {"query": COUNT, "title": ""}).status_code == 422
    assert mine.post("/workspace/console/saved",
                     {"query": COUNT, "title": "<script>alert(1)</script>"}).status_code == 302
    page = mine.get("/workspace/console").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    uid = re.search(r"/workspace/console/saved/(sq-[0-9a-f]+)/delete", page).group(1)
    theirs = signed_in(browser, users["lawyer"])
    other = theirs.get("/workspace/console").get_data(as_text=True)
    assert uid not in other and "alert(1)" not in other
    assert theirs.post(f"/workspace/console/saved/{uid}/delete").status_code == 404
    opened = theirs.get(f"/workspace/console?saved={uid}").get_data(as_text=True)
    assert "count(p) AS people" not in opened.split('id="query"')[1].split("</textarea>")[0]
    assert mine.post(f"/workspace/console/saved/{uid}/delete").status_code == 302


def test_console_pages_need_a_session_and_a_token(browser, users):
    anonymous = browser()
    assert anonymous.get("/workspace/console").status_code == 302
    assert anonymous.post("/workspace/console", {"query": COUNT}, csrf=False).status_code == 302
    b = signed_in(browser, users["researcher"])
    b.get("/workspace/console")
    assert b.post("/workspace/console", {"query": COUNT}, csrf=False).status_code == 403
    assert b.post("/workspace/console/result.csv", {"query": COUNT},
                  csrf=False).status_code == 403


def test_api_runs_go_into_the_same_history(browser, users, vault_app):
    api = vault_app.test_client()
    response = api.post("/api/v1/cypher", json={"query": "RETURN 42 AS answer"},
                        headers=users["researcher"].headers)
    assert response.status_code == 200
    page = signed_in(browser, users["researcher"]).get("/workspace/console").get_data(as_text=True)
    assert "RETURN 42 AS answer" in page.split('id="query-history"')[1]
    other = signed_in(browser, users["lawyer"]).get("/workspace/console").get_data(as_text=True)
    assert "RETURN 42 AS answer" not in other
