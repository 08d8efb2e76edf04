"""Every public endpoint: status, shape and content, and 4xx that name the field and why."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from service.public import entities

NODE_KEYS = {"uid", "labels", "caption", "properties"}
REL_KEYS = {"id", "type", "from", "to", "properties"}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    return response.get_json()


def assert_graph(body):
    uids = {n["uid"] for n in body["nodes"]}
    assert all(set(n) == NODE_KEYS for n in body["nodes"])
    assert all(set(r) == REL_KEYS and r["from"] in uids and r["to"] in uids
               for r in body["relationships"])


def test_openapi_documents_every_public_endpoint(public_client):
    spec = get(public_client, "/api/v1/openapi.json")
    paths = spec["paths"]
    for kind in entities.KINDS:
        assert f"/api/v1/{kind}" in paths and f"/api/v1/{kind}/{{uid}}" in paths
    for path in ("/api/v1/search", "/api/v1/stats", "/api/v1/maps/{layer}",
                 "/api/v1/graphs/neighbourhood/{uid}", "/api/v1/graphs/paths",
                 "/api/v1/graphs/chain/{uid}", "/api/v1/graphs/cases/{uid}/proceedings",
                 "/api/v1/graphs/proceedings/{uid}/cases", "/api/v1/downloads/graph.jsonl",
                 "/api/v1/downloads/csv.zip", "/api/v1/downloads/csv/{table}.csv",
                 "/api/v1/downloads/graph.graphml", "/api/v1/cypher"):
        assert path in paths, path
    search_params = {p["name"] for p in paths["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "category", "sex", "year_from", "born_from", "body", "forum", "location",
            "lang", "page", "per_page"} <= search_params


def test_search_endpoint(public_client):
    body = get(public_client, "/api/v1/search?q=%EA%B9%80&sex=female&lang=ko")  # q=김
    assert [i["uid"] for i in body["items"]] == ["p-x2"]
    assert body["items"][0]["caption"] == "김영자" and body["items"][0]["years"] == [1977]
    # The sex facet counts as if sex were not filtered (the other value stays in view: what
    # ticking it too would add); the other facets count the result.
    sexes = {b["key"]: b["count"] for b in body["facets"]["sex"]}
    assert sexes["female"] == 1 and sexes.get("male", 0) >= 1
    assert sum(b["count"] for b in body["facets"]["category"]) == 1
    body = get(public_client, "/api/v1/search?category=postwar_abductee&category=japanese_abductee"
                              "&year_from=1970&year_to=1980")
    assert {i["uid"] for i in body["items"]} == {"p-x2", "p-x4"}
    body = get(public_client, '/api/v1/search?q=%22Kim%20(')  # "Kim (
    assert body["total"] == 2


@pytest.mark.parametrize("url, location, field", [
    ("/api/v1/search?sex=alien", "query", "sex"),
    ("/api/v1/search?year_from=1990&year_to=1980", "query", "year_to"),
    ("/api/v1/search?year_from=nineteen", "query", "year_from"),
    ("/api/v1/search?per_page=101", "query", "per_page"),
    ("/api/v1/search?page=0", "query", "page"),
    ("/api/v1/search?lang=fr", "query", "lang"),
    ("/api/v1/search?categroy=war_pow", "query", "categroy"),
    ("/api/v1/victims?category=nope", "query", "category"),
    ("/api/v1/victims?reference=x", "query", "reference"),
    ("/api/v1/events?year_from=x", "query", "year_from"),
    ("/api/v1/graphs/neighbourhood/p-x1?hops=4", "query", "hops"),
    ("/api/v1/graphs/neighbourhood/p-x1?types=GAVE", "query", "types"),
    ("/api/v1/graphs/neighbourhood/p-x1?limit=100000", "query", "limit"),
    ("/api/v1/graphs/neighbourhood/p-x1?date_from=yesterday", "query", "date_from"),
    ("/api/v1/graphs/paths?from=p-x1", "query", "to"),
    ("/api/v1/graphs/paths?from=p-x1&to=p-x3&k=11", "query", "k"),
    ("/api/v1/graphs/chain/p-x1?date_from=2000-01-01&date_to=1990-01-01", "query", "date_to"),
])
def test_bad_input_names_the_field_and_the_reason(public_client, url, location, field):
    body = get(public_client, url, 422)
    assert body["code"] == 422 and body["status"]
    assert field in body["errors"][location], body
    assert body["errors"][location][field]  # the reason


def test_entity_endpoints(public_client):
    for kind in entities.KINDS:
        body = get(public_client, f"/api/v1/{kind}?per_page=100")
        assert body["kind"] == kind and body["total"] == len(body["items"])
        for item in body["items"]:
            assert set(item) == NODE_KEYS
            detail = get(public_client, f"/api/v1/{kind}/{item['uid']}")
            assert detail["uid"] == item["uid"] and detail["kind"] == kind
            assert {"relationships", "sources", "proceedings", "provenance"} <= set(detail)
    body = get(public_client, "/api/v1/victims?sex=female&category=postwar_abductee")
    assert [i["uid"] for i in body["items"]] == ["p-x2"]
    body = get(public_client, "/api/v1/locations?within=loc-kp&kind=facility")
    assert [i["uid"] for i in body["items"]] == ["loc-camp22"]
    victim = get(public_client, "/api/v1/victims/p-x1?lang=ko")
    assert victim["caption"] == "김철호" and victim["provenance"]["cleared_sources"] == ["src-x1"]
    missing = get(public_client, "/api/v1/victims/p-1001", 404)
    assert missing["message"] and missing["code"] == 404


def test_resource_list_and_detail(public_client):
    """A North Korean law, invoked by a public proceeding (tests/support/data/resources.jsonl)."""
    body = get(public_client, "/api/v1/resources?kind=law&year_from=1980&year_to=1990")
    assert body["kind"] == "resources" and body["total"] == 1
    [item] = body["items"]
    assert item["uid"] == "res-x1" and item["caption"] == "Synthetic Criminal Law of the DPRK"
    assert "Resource" in item["labels"] and item["properties"]["year"] == 1987
    assert get(public_client, "/api/v1/resources?kind=decree")["items"] == []
    assert get(public_client, "/api/v1/resources?year_from=1990")["total"] == 0
    detail = get(public_client, "/api/v1/resources/res-x1?lang=ko")
    assert detail["uid"] == "res-x1" and detail["kind"] == "resources"
    assert detail["caption"] == "합성 조선민주주의인민공화국 형법"
    assert detail["properties"]["kind"] == "law"
    [invoked] = detail["relationships"]
    assert (invoked["type"], invoked["direction"], invoked["total"]) == ("INVOKES", "in", 1)
    assert invoked["items"][0]["node"]["uid"] == "proc-x2"
    proceeding = get(public_client, "/api/v1/proceedings/proc-x2")
    assert any(g["type"] == "INVOKES" and g["items"][0]["node"]["uid"] == "res-x1"
               for g in proceeding["relationships"])
    assert get(public_client, "/api/v1/resources/kind=law", 404)["message"]
    assert get(public_client, "/api/v1/resources/proc-x2", 404)["message"]  # not a resource
    assert get(public_client, "/api/v1/resources?kind=novel", 422)["errors"]["query"]["kind"]


def test_stats_endpoint(public_client):
    body = get(public_client, "/api/v1/stats?lang=ko")
    assert body["totals"]["victims"] == 6
    assert body["held_confidentially"]["total"] == 6
    assert {b["key"]: b["label"] for b in body["charts"]["victims_by_sex"]} == {"male": "남성",
                                                                                "female": "여성"}


def test_map_endpoints(public_client):
    assert get(public_client, "/api/v1/maps")["layers"] == ["lived", "taken_from", "last_seen",
                                                            "held"]
    body = get(public_client, "/api/v1/maps/taken_from")
    assert body["type"] == "FeatureCollection"
    feature = next(f for f in body["features"] if f["id"] == "loc-sokcho")
    assert feature["geometry"]["coordinates"] == [128.59, 38.2]
    assert feature["properties"]["count"] == 2
    assert get(public_client, "/api/v1/maps/nowhere", 404)["message"]


def test_graph_endpoints(public_client):
    body = get(public_client, "/api/v1/graphs/neighbourhood/p-x1?hops=2&types=SUBJECTED_TO"
                              "&types=PERPETRATED_BY&limit=50")
    assert_graph(body)
    assert {n["uid"] for n in body["nodes"]} == {"p-x1", "e-x1", "e-x5", "body-unit",
                                                 "body-bureau7"}
    body = get(public_client, "/api/v1/graphs/neighbourhood/p-x1?date_from=2000-01-01"
                              "&types=SUBJECTED_TO")
    assert {n["uid"] for n in body["nodes"]} == {"p-x1", "e-x5"}
    body = get(public_client, "/api/v1/graphs/paths?from=p-x1&to=p-x3&k=3")
    assert_graph(body)
    assert body["paths"][0]["nodes"][0] == "p-x1" and len(body["paths"]) >= 2
    body = get(public_client, "/api/v1/graphs/chain/p-x2")
    assert_graph(body)
    assert body["chains"][0]["chain"] == ["p-x9", "body-bureau7", "body-mss"]
    body = get(public_client, "/api/v1/graphs/cases/p-x1/proceedings")
    assert_graph(body)
    assert {"proc-x1", "proc-x2"} <= {n["uid"] for n in body["nodes"]}
    body = get(public_client, "/api/v1/graphs/proceedings/proc-x2/cases")
    assert {"p-x1", "p-x2"} <= {n["uid"] for n in body["nodes"]}
    for url in ("/api/v1/graphs/neighbourhood/p-1001", "/api/v1/graphs/paths?from=p-x1&to=p-1001",
                "/api/v1/graphs/chain/p-1001", "/api/v1/graphs/cases/p-x9/proceedings",
                "/api/v1/graphs/proceedings/proc-0001/cases"):
        get(public_client, url, 404)


def test_download_endpoints_stream(public_client):
    listing = get(public_client, "/api/v1/downloads")
    assert {d["name"] for d in listing} >= {"graph.jsonl", "csv.zip", "graph.graphml",
                                            "persons.csv"}
    response = public_client.get("/api/v1/downloads/graph.jsonl")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/x-ndjson"
    assert "attachment" in response.headers["Content-Disposition"]
    records = [json.loads(x) for x in response.get_data(as_text=True).splitlines()]
    assert any(r.get("uid") == "p-x1" for r in records)
    response = public_client.get("/api/v1/downloads/csv/persons.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {"p-x1", "p-x9"} <= {r["uid"] for r in rows}
    archive = zipfile.ZipFile(io.BytesIO(public_client.get("/api/v1/downloads/csv.zip").data))
    assert "relationships.csv" in archive.namelist()
    response = public_client.get("/api/v1/downloads/graph.graphml")
    assert response.mimetype == "application/graphml+xml" and b"<graphml" in response.data
    assert get(public_client, "/api/v1/downloads/csv/users.csv", 404)["message"]
