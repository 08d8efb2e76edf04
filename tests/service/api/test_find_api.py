"""``/api/v1/find``, ``/api/v1/suggest``, and names where the graph tools ask for a uid."""

from __future__ import annotations

from urllib.parse import quote


def test_find_groups_every_kind_with_counts(public_client):
    body = public_client.get("/api/v1/find?q=Hoeryong").get_json()
    assert {c["kind"]: c["count"] for c in body["counts"]} == {"locations": 2}
    item = body["groups"][0]["items"][0]
    assert item["kind"] == "locations" and item["matched"]["field"] == "name_en"
    assert [p for p in item["matched"]["parts"] if p["mark"]] == [{"text": "Hoeryong",
                                                                     "mark": True}]
    assert "search_keys" not in item["properties"]


def test_find_one_kind_and_bad_input(public_client):
    body = public_client.get("/api/v1/find?q=Kim&kind=victims&per_page=1&lang=ko").get_json()
    assert [g["kind"] for g in body["groups"]] == ["victims"] and body["per_page"] == 1
    for url in ("/api/v1/find", "/api/v1/find?q=Kim&kind=accounts", "/api/v1/find?q=Kim&x=1",
                "/api/v1/find?q=" + "k" * 201):
        response = public_client.get(url)
        assert response.status_code == 422, url
        assert {"code", "status", "message", "errors"} <= set(response.get_json())


def test_suggest(public_client):
    found = public_client.get("/api/v1/suggest?q=" + quote("국가보위") + "&lang=ko").get_json()
    assert found[0] == {**found[0], "uid": "body-mss", "kind": "perpetrators",
                        "kind_label": "가해 기관", "url": "/perpetrators/body-mss"}
    assert found[0]["label"] == "국가보위성"
    assert public_client.get("/api/v1/suggest?q=K").get_json() == []
    victims = public_client.get("/api/v1/suggest?q=Kim&kind=victims&limit=1").get_json()
    assert len(victims) == 1 and victims[0]["kind"] == "victims"
    assert public_client.get("/api/v1/suggest?q=Kim&limit=0").status_code == 422


def test_graph_tools_take_a_name(public_client):
    by_uid = public_client.get("/api/v1/graphs/neighbourhood/body-mss").get_json()
    by_name = public_client.get("/api/v1/graphs/neighbourhood/"
                                + quote("Ministry of State Security")).get_json()
    assert by_name == by_uid
    assert public_client.get("/api/v1/graphs/neighbourhood/" + quote("국가보위성")).get_json() \
        == public_client.get("/api/v1/graphs/neighbourhood/body-mss").get_json()
    paths = public_client.get("/api/v1/graphs/paths?from=" + quote("김철호") + "&to="
                              + quote("Ministry of State Security")).get_json()
    assert paths["paths"] and paths["paths"][0]["nodes"][0] == "p-x1"
    assert paths["paths"][0]["nodes"][-1] == "body-mss"
    chain = public_client.get("/api/v1/graphs/chain/" + quote("Kim Chul-ho")).get_json()
    assert chain == public_client.get("/api/v1/graphs/chain/p-x1").get_json()
    cases = public_client.get("/api/v1/graphs/proceedings/WGEID/cases").get_json()
    assert cases["start"] == "proc-x1"


def test_a_name_of_several_records_answers_with_the_candidates(public_client):
    response = public_client.get("/api/v1/graphs/neighbourhood/Hoeryong")
    # "Hoeryong" is the town's whole name: it wins over the camp named after it
    assert response.status_code == 200 and response.get_json()["start"] == "loc-hoeryong"
    response = public_client.get("/api/v1/graphs/paths?from=Kim&to=Hoer")
    assert response.status_code == 300
    body = response.get_json()
    assert body["code"] == 300 and set(body["candidates"]) == {"from", "to"}
    assert {c["uid"] for c in body["candidates"]["from"]} >= {"p-x1", "p-x2"}
    assert {c["uid"] for c in body["candidates"]["to"]} == {"loc-hoeryong", "loc-camp22"}
    chain = public_client.get("/api/v1/graphs/chain/Kim").get_json()
    assert {c["kind"] for c in chain["candidates"]["uid"]} == {"victims"}


def test_no_record_of_that_name_or_kind_is_a_404_that_does_not_repeat_it(public_client):
    for url in ("/api/v1/graphs/neighbourhood/Nobody%20Atall",
                "/api/v1/graphs/chain/body-mss",                 # not a victim
                "/api/v1/graphs/chain/" + quote("Ministry of State Security"),
                "/api/v1/graphs/paths?from=p-x1&to=Nobody"):
        response = public_client.get(url)
        assert response.status_code == 404, url
        assert "Nobody" not in response.get_data(as_text=True)
