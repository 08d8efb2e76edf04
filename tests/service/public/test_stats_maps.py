"""Dashboard statistics and map layers, counted on the public graph only."""

from __future__ import annotations

from service.public import maps, search, stats


def chart(result: dict, name: str) -> dict:
    return {b["key"]: b["count"] for b in result["charts"][name]}


def test_dashboard_counts(public_ctx):
    result = stats.dashboard()
    assert result["totals"]["victims"] == 6 and result["totals"]["proceedings"] == 3
    assert chart(result, "victims_by_year") == {"1968": 1, "1977": 1, "1978": 1, "1990": 2,
                                                "1995": 1}
    assert [b["key"] for b in result["charts"]["victims_by_year"]] == ["1968", "1977", "1978",
                                                                       "1990", "1995"]
    assert chart(result, "victims_by_category") == {"internal_disappearance": 3,
                                                    "postwar_abductee": 2, "japanese_abductee": 1}
    assert chart(result, "victims_by_sex") == {"male": 3, "female": 3}
    assert chart(result, "victims_by_age_group")["child"] == 1
    assert chart(result, "victims_by_occupation")["student"] == 2
    assert chart(result, "victims_by_perpetrator") == {"mss": 5, "kpa": 1}
    assert chart(result, "perpetrators_by_type") == {"mss": 3, "kpa": 2}
    assert chart(result, "proceedings_by_forum") == {"un_wgeid": 1, "un_wgad": 1, "court_kr": 1}
    assert result["generation"] == 1 and result["published_at"]


def test_held_confidentially_is_the_suppressed_figure(public_ctx):
    held = stats.dashboard(lang="ko")["held_confidentially"]
    assert held["total"] == 6 and held["threshold"] == 5
    assert held["by_category"] == [{"key": "internal_disappearance", "label": "북한 내 강제실종",
                                    "count": 6}]
    assert held["withheld"] is False
    hidden = stats.held_confidentially('{"total": 9, "by_category": {"war_pow": null, '
                                       '"war_abductee": null}, "threshold": 5}')
    assert hidden["total"] == 9 and hidden["withheld"] is False
    assert {b["key"]: b["count"] for b in hidden["by_category"]} == {"war_pow": None,
                                                                     "war_abductee": None}
    for raw, total in (('{"total": 6, "by_category": {}, "threshold": 5}', 6),
                       ('{"total": null, "by_category": {}, "threshold": 5}', None)):
        withheld = stats.held_confidentially(raw)
        assert withheld == {"total": total, "by_category": [], "threshold": 5, "withheld": True}
    nothing = stats.held_confidentially('{"total": 0, "by_category": {}, "threshold": 5}')
    assert nothing["withheld"] is False


def test_map_layers(public_ctx):
    taken = maps.geojson("taken_from")
    assert taken["type"] == "FeatureCollection"
    by_uid = {f["id"]: f for f in taken["features"]}
    sokcho = by_uid["loc-sokcho"]
    assert sokcho["geometry"] == {"type": "Point", "coordinates": [128.59, 38.2]}
    assert sokcho["properties"]["count"] == 2
    assert {v["uid"] for v in sokcho["properties"]["victims"]} == {"p-x1", "p-x2"}
    assert by_uid["loc-seoul"]["properties"]["count"] == 2  # the two public fixture victims
    last_seen = maps.geojson("last_seen", lang="ko")
    assert [(f["id"], f["properties"]["name"]) for f in last_seen["features"]] == \
        [("loc-camp22", "회령 22호 관리소")]
    lived = {f["id"]: f["properties"]["count"] for f in maps.geojson("lived")["features"]}
    assert lived == {"loc-sokcho": 2, "loc-hoeryong": 1}
    held = {f["id"]: f["properties"]["count"] for f in maps.geojson("held")["features"]}
    assert held == {"loc-yodok": 2, "loc-camp22": 1}


def test_popups_are_capped(public_ctx):
    capped = maps.geojson("taken_from", per_location=1)
    sokcho = next(f for f in capped["features"] if f["id"] == "loc-sokcho")
    assert len(sokcho["properties"]["victims"]) == 1 and sokcho["properties"]["truncated"]


def layer_victims(layer: str, filters: dict | None = None) -> dict[str, set[str]]:
    collection = maps.geojson(layer, per_location=1000, filters=filters)
    return {f["id"]: {v["uid"] for v in f["properties"]["victims"]}
            for f in collection["features"]}


def test_map_layers_take_the_search_filters(public_ctx):
    assert {k: len(v) for k, v in layer_victims(
        "taken_from", {"category": ["postwar_abductee"]}).items()} == {"loc-sokcho": 2}
    assert layer_victims("lived", {"sex": ["female"]}) == {"loc-sokcho": {"p-x2"},
                                                          "loc-hoeryong": {"p-x3"}}
    # A list filter matches any of its values; filters combine with AND.
    both = layer_victims("lived", {"category": ["postwar_abductee", "internal_disappearance"],
                                   "sex": "female"})
    assert both == {"loc-sokcho": {"p-x2"}, "loc-hoeryong": {"p-x3"}}
    assert layer_victims("lived", {"category": ["japan_returnee"]}) == {}
    taken = maps.geojson("taken_from", filters={"category": ["postwar_abductee"]})
    assert taken["total"] == 2 and taken["features"][0]["properties"]["count"] == 2


def test_map_filters_count_what_the_search_finds(public_ctx):
    """Whatever the filters, a layer's victims are the unfiltered layer's victims that the
    search with the same filters finds: the map and the search agree."""
    everyone = search.search(None, {}, 1, 100)
    years = sorted({y for item in everyone["items"] for y in item["years"]})
    assert years, "the fixture's victims have event years"
    cases = [{"category": [c]} for c in ("postwar_abductee", "internal_disappearance",
                                         "japanese_abductee")]
    cases += [{"sex": ["male"]}, {"perpetrator": [everyone["facets"]["perpetrator"][0]["key"]]},
              {"year_from": years[0], "year_to": years[0]}, {"year_from": years[-1]},
              {"year_to": years[0], "sex": ["female", "male"]}]
    for filters in cases:
        found = {i["uid"] for i in search.search(None, filters, 1, 100)["items"]}
        for layer in maps.LAYERS:
            expected = {uid: victims & found for uid, victims in layer_victims(layer).items()}
            assert layer_victims(layer, filters) == {k: v for k, v in expected.items() if v}, \
                (layer, filters)


def test_unknown_map_filters_are_refused(public_ctx):
    import pytest

    with pytest.raises(ValueError, match="status"):
        maps.geojson("lived", filters={"status": ["missing"]})
    with pytest.raises(KeyError):
        maps.geojson("nowhere")


def test_map_places_are_public_provinces_and_towns(public_ctx):
    names = {p["uid"]: (p["name"], p["kind"]) for p in maps.places("ko")}
    assert names == {"loc-hamgyong": ("함경북도", "province"), "loc-gangwon": ("강원도", "province"),
                     "loc-hoeryong": ("회령", "city"), "loc-sokcho": ("속초", "city"),
                     "loc-seoul": ("서울", "city")}  # countries and facilities are not named
    sokcho = next(p for p in maps.places("en") if p["uid"] == "loc-sokcho")
    assert (sokcho["name"], sokcho["lat"], sokcho["lon"]) == ("Sokcho", 38.2, 128.59)
