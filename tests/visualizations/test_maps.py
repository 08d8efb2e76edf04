"""The map's Leaflet configuration from GeoJSON layers."""

from __future__ import annotations

from visualizations import maps

LAYER = {"type": "FeatureCollection", "total": 3, "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [126.97, 37.56]},
     "properties": {"uid": "loc-seoul", "name": "서울", "kind_label": "시", "count": 3,
                    "victims": [{"uid": "p-1", "name": "김철호"}], "truncated": True}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.9, 42.5]},
     "properties": {"uid": "loc-camp", "name": "Camp 22", "kind_label": "Facility", "count": 5,
                    "victims": [], "truncated": True}},
]}


def test_config_has_layers_markers_and_vendored_basemap():
    config = maps.leaflet_config({"lived": LAYER, "held": LAYER}, {"lived": "거주지"},
                                 strings={"victims": "{n}명"})
    assert config["basemap"]["url"] == "/static/vendor/world-atlas/countries-50m.json"
    assert config["tiles"] is None
    lived, held = config["layers"]
    assert (lived["key"], lived["label"], lived["visible"]) == ("lived", "거주지", True)
    assert (held["key"], held["label"], held["visible"]) == ("held", "held", False)
    marker = lived["markers"][0]
    assert (marker["lat"], marker["lon"]) == (37.56, 126.97)
    assert marker["url"] == "/entity/loc-seoul"
    assert marker["search_url"] == "/search?location=loc-seoul"
    assert marker["victims"] == [{"uid": "p-1", "name": "김철호", "url": "/entity/p-1"}]
    assert marker["more"] == 2
    assert config["strings"] == {"victims": "{n}명"}


def test_tiles_only_when_configured():
    config = maps.leaflet_config({}, {}, tile_url="https://tiles.example.org/{z}/{x}/{y}.png",
                                 tile_attribution="tiles")
    assert config["tiles"] == {"url": "https://tiles.example.org/{z}/{x}/{y}.png",
                               "attribution": "tiles"}


def test_top_locations_sorted_by_count():
    rows = maps.top_locations(LAYER, limit=1)
    assert rows == [{"uid": "loc-camp", "name": "Camp 22", "kind": "Facility", "count": 5}]


def test_place_names_by_zoom_and_the_region_overlay():
    places = [{"uid": "loc-p", "name": "함경북도", "kind": "province", "lat": 41.8, "lon": 129.7},
              {"uid": "loc-c", "name": "회령", "kind": "city", "lat": 42.4, "lon": 129.7},
              {"uid": "loc-f", "name": "Camp", "kind": "facility", "lat": 42.5, "lon": 129.9}]
    config = maps.leaflet_config({}, {}, places=places, lang="ko")
    assert config["places"] == [
        {"name": "함경북도", "kind": "province", "lat": 41.8, "lon": 129.7, "min_zoom": 6},
        {"name": "회령", "kind": "city", "lat": 42.4, "lon": 129.7, "min_zoom": 7}]
    assert maps.ZOOM < maps.LABEL_ZOOM["province"] < maps.LABEL_ZOOM["city"]
    assert config["region"]["url"] == "/static/vendor/natural-earth/region.json"
    assert config["region"]["name"] == "name_ko"
    assert maps.leaflet_config({}, {})["region"]["name"] == "name_en"
