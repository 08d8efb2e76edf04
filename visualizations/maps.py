"""The map page's Leaflet configuration, from the GeoJSON layers of service.public.maps.

Why a pure function: the page embeds one JSON document that /static/js/map.js
turns into Leaflet layers, so what the map shows (layers, colours, popups'
links, the basemap, an optional tile server) is decided and tested here, in
Python, and the script only draws it. The basemap is the vendored Natural
Earth TopoJSON (world-atlas), drawn as a vector layer: no tile server unless
one is configured, so no visitor's position is sent to a third party. Over it,
for the region the data is about, the vendored Natural Earth subset
(ops/vendor/region_basemap.py): province boundaries and country names (in Korean
on Korean pages); and the published places' names, provinces at low zoom levels
and towns when zoomed in (``LABEL_ZOOM``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

BASEMAP_URL = "/static/vendor/world-atlas/countries-50m.json"
REGION_URL = "/static/vendor/natural-earth/region.json"
#: The zoom level from which a kind of place is named (countries: Natural Earth's own
#: ``min_zoom``, from the opening view, zoom 5, on). Provinces from one step in (at zoom 5
#: the DPRK's nine provinces' names overlap), towns once zoomed in further.
LABEL_ZOOM = {"province": 6, "city": 7, "county": 8}
#: Layers in display order, with colours that keep 3:1 contrast on the basemap.
LAYER_COLOURS = {"lived": "#1565c0", "taken_from": "#c62828", "last_seen": "#6a1b9a",
                 "held": "#2e7d32"}
DEFAULT_VISIBLE = ("lived", "taken_from", "last_seen")
#: The Korean peninsula, where most of the data is.
CENTER = (39.0, 127.5)
ZOOM = 5


def features(collection: Mapping, profile_url: str = "/entity/{uid}",
             search_url: str = "/search?location={uid}") -> list[dict]:
    """One marker per location: position, name, kind, victim count, the first victims with
    links to their profiles, and how many more there are (with a search link for all)."""
    out = []
    for feature in collection.get("features", []):
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        victims = [{"uid": v["uid"], "name": v["name"], "url": profile_url.format(uid=v["uid"])}
                   for v in props.get("victims", [])]
        out.append({
            "uid": props["uid"], "lat": lat, "lon": lon, "name": props["name"],
            "kind": props.get("kind_label") or props.get("kind") or "",
            "count": props["count"], "victims": victims,
            "more": max(0, props["count"] - len(victims)),
            "url": profile_url.format(uid=props["uid"]),
            "search_url": search_url.format(uid=props["uid"]),
        })
    return out


def leaflet_config(layers: Mapping[str, Mapping], labels: Mapping[str, str], *,
                   places: Sequence[Mapping] = (), lang: str = "en",
                   strings: Mapping[str, str] | None = None, tile_url: str | None = None,
                   tile_attribution: str = "", visible: Sequence[str] = DEFAULT_VISIBLE,
                   profile_url: str = "/entity/{uid}",
                   search_url: str = "/search?location={uid}") -> dict:
    """The JSON map.js draws: ``{"center", "zoom", "basemap", "tiles", "layers", "strings"}``.

    ``layers`` maps a layer key (``lived``, ``taken_from``, ``last_seen``,
    ``held``) to its FeatureCollection; ``labels`` names each layer in the
    page's language; ``strings`` are the words map.js shows (the popups' link to all
    victims, ``all``; the basemap's attribution, ``basemap``). ``tiles`` is None unless a
    tile URL is configured. ``places`` (``[{"name", "kind", "lat", "lon"}]``) are named
    on the map from their kind's zoom level (``LABEL_ZOOM``); ``region`` says where the
    Natural Earth overlay is and which of its names to use (``name_ko`` or ``name_en``).
    """
    return {
        "center": list(CENTER), "zoom": ZOOM,
        "basemap": {"url": BASEMAP_URL, "object": "countries",
                    "style": {"color": "#7a7a7a", "weight": 0.8, "fillColor": "#eef1ec",
                              "fillOpacity": 1.0}},
        "region": {"url": REGION_URL, "name": "name_ko" if lang == "ko" else "name_en",
                   "style": {"color": "#8c8c8c", "weight": 0.7, "dashArray": "3 3",
                             "fill": False}},
        "places": [{"name": p["name"], "kind": p["kind"], "lat": p["lat"], "lon": p["lon"],
                    "min_zoom": LABEL_ZOOM[p["kind"]]}
                   for p in places if p.get("kind") in LABEL_ZOOM],
        "tiles": {"url": tile_url, "attribution": tile_attribution} if tile_url else None,
        "layers": [{"key": key, "label": labels.get(key, key),
                    "colour": LAYER_COLOURS.get(key, "#333333"), "visible": key in visible,
                    "total": collection.get("total", 0),
                    "markers": features(collection, profile_url, search_url)}
                   for key, collection in layers.items()],
        "strings": dict(strings or {}),
    }


def top_locations(collection: Mapping, limit: int = 15) -> list[dict]:
    """The locations with the most victims, largest first: the map's text alternative."""
    rows = [f["properties"] for f in collection.get("features", [])]
    rows.sort(key=lambda p: (-p["count"], p["name"]))
    return [{"uid": p["uid"], "name": p["name"], "kind": p.get("kind_label") or "",
             "count": p["count"]} for p in rows[:limit]]
