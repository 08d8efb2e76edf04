"""The map layers' filters over the API (the search's names and vocabularies), bad filters
answered with the JSON error shape, and the leak check: whatever the filters, no hidden
person of the consent fixture appears by name or uid, and no count includes one."""

from __future__ import annotations

import itertools

import pytest

from graph.vocabularies import choices
from service.public import maps
from tests.service.api.test_public_leaks import HIDDEN, assert_clean, body_of


def get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:400])
    return response.get_json()


def counts(body: dict) -> dict[str, int]:
    return {f["id"]: f["properties"]["count"] for f in body["features"]}


def test_layers_take_the_search_filters(public_client):
    assert counts(get(public_client, "/api/v1/maps/taken_from?category=postwar_abductee")) == \
        {"loc-sokcho": 2}
    assert counts(get(public_client, "/api/v1/maps/lived?sex=female")) == \
        {"loc-sokcho": 1, "loc-hoeryong": 1}
    both = get(public_client, "/api/v1/maps/lived?sex=female&category=postwar_abductee"
                              "&category=internal_disappearance&lang=ko")
    assert counts(both) == {"loc-sokcho": 1, "loc-hoeryong": 1}
    assert get(public_client, "/api/v1/maps/held?category=war_pow")["features"] == []
    # The map's filters are the search's: the same request finds the same victims.
    found = {i["uid"] for i in get(public_client, "/api/v1/search?sex=female&per_page=100")
             ["items"]}
    lived = get(public_client, "/api/v1/maps/lived?sex=female")
    assert {v["uid"] for f in lived["features"] for v in f["properties"]["victims"]} <= found


@pytest.mark.parametrize("query, field", [
    ("category=nonsense", "category"), ("sex=x", "sex"), ("perpetrator=nobody", "perpetrator"),
    ("year_from=abc", "year_from"), ("year_from=1500", "year_from"),
    ("year_from=2000&year_to=1990", "year_to"), ("status=missing", "status"),
    ("location=loc-seoul", "location"),
])
def test_bad_filters_are_a_clear_422(public_client, query, field):
    body = get(public_client, f"/api/v1/maps/lived?{query}", 422)
    assert set(body) >= {"code", "status", "message", "errors"} and body["status"]
    assert field in str(body["errors"])


def filter_queries() -> list[str]:
    """Every value of every list filter alone, pairs of categories, and year ranges."""
    out = [f"{name}={key}" for name, vocabulary in maps.MAP_LIST_FILTERS.items()
           for key in choices(vocabulary)]
    out += [f"category={a}&category={b}"
            for a, b in itertools.combinations(choices("victim_category"), 2)]
    out += ["year_from=1950&year_to=1999", "year_from=2000", "year_to=1960",
            "category=internal_disappearance&perpetrator=mss&sex=male"]
    return out


def test_filtered_layers_and_map_pages_leak_nobody(public_client):
    for query in filter_queries():
        for layer in maps.LAYERS:
            for lang in ("en", "ko"):
                url = f"/api/v1/maps/{layer}?{query}&lang={lang}"
                assert_clean(body_of(public_client, url), url)
        for lang in ("en", "ko"):
            url = f"/map?{query}&lang={lang}"
            assert_clean(body_of(public_client, url), url)


def test_filtered_counts_hold_public_victims_only(public_client):
    """Four hidden people were held at Yodok and taken from Seoul in the vault, all of
    category internal_disappearance, perpetrator mss, male: filtering down to exactly them
    must not count them."""
    query = "category=internal_disappearance&sex=male&perpetrator=mss"
    for layer in maps.LAYERS:
        body = get(public_client, f"/api/v1/maps/{layer}?{query}")
        for feature in body["features"]:
            listed = {v["uid"] for v in feature["properties"]["victims"]}
            assert feature["properties"]["count"] == len(listed), (layer, feature["id"])
            assert not listed & set(HIDDEN)
