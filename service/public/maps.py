"""Map layers: where public victims lived, were taken from, were last seen, were held.

Each layer is a GeoJSON FeatureCollection of points (WGS-84, ``[lon, lat]``)
with per-location counts and the first victims by name, for popups that link
to profiles. Only public victims and public locations are counted: the
public graph has no others.

The search's filters apply to the map under the same names and vocabularies as
``/search`` (``service.public.search``): ``category``, ``sex`` and
``perpetrator`` (lists of vocabulary keys, any of them matching) and
``year_from``/``year_to`` (the year of an event the victim was subjected to), so
a search can be shown on the map and the map's state read as a search.
"""

from __future__ import annotations

from graph.vocabularies import label as vocab_label
from service.public.cache import per_revision
from service.public.search import LIST_FILTERS
from service.stores import public_query

LAYERS = {"lived": "LIVED_AT", "taken_from": "TAKEN_FROM", "last_seen": "LAST_SEEN_AT",
          "held": "HELD_AT"}
#: Victims listed per location in a popup; ``count`` always has the full number.
PER_LOCATION = 50
#: The search's filters the map takes: list filters (name -> vocabulary) and year bounds.
MAP_LIST_FILTERS = {name: LIST_FILTERS[name] for name in ("category", "sex", "perpetrator")}
MAP_YEAR_FILTERS = ("year_from", "year_to")
MAP_FILTERS = (*MAP_LIST_FILTERS, *MAP_YEAR_FILTERS)


def geojson(layer: str, lang: str = "en", per_location: int = PER_LOCATION,
            filters: dict | None = None) -> dict:
    """The FeatureCollection of ``layer`` (a key of ``LAYERS``; KeyError otherwise).

    ``filters`` (keys of ``MAP_FILTERS``; others raise ValueError) narrow the victims
    counted; a location none of them is linked to is left out.
    Each feature's properties: ``uid``, ``name`` (in ``lang`` where known),
    ``name_en``, ``name_ko``, ``kind``, ``kind_label``, ``facility_type``,
    ``count`` (public victims), ``victims`` (``[{"uid", "name"}]``, at most
    ``per_location``) and ``truncated``.
    """
    if layer not in LAYERS:
        raise KeyError(layer)
    params = normalised(filters)
    return _geojson(layer, lang, per_location, tuple(sorted(
        (k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))


def normalised(filters: dict | None) -> dict:
    """``filters`` as the query takes them: every map filter present (None: not filtered),
    list filters as sorted lists of their values, so one key caches one result."""
    filters = dict(filters or {})
    unknown = set(filters) - set(MAP_FILTERS)
    if unknown:
        raise ValueError(f"unknown map filter(s): {', '.join(sorted(unknown))}")
    out: dict = {}
    for name in MAP_LIST_FILTERS:
        value = filters.get(name)
        values = [value] if isinstance(value, str) else list(value or [])
        out[name] = sorted(set(map(str, values))) or None
    for name in MAP_YEAR_FILTERS:
        value = filters.get(name)
        out[name] = int(value) if value not in (None, "") else None
    return out


@per_revision
def _geojson(layer: str, lang: str, per_location: int, params: tuple) -> dict:
    rel_type = LAYERS[layer]
    rows = public_query("public/match_map_layer", type=rel_type, per_location=per_location,
                        **{k: list(v) if isinstance(v, tuple) else v for k, v in params})
    features = []
    for r in rows:
        point = r["coords"]
        features.append({
            "type": "Feature",
            "id": r["uid"],
            "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
            "properties": {
                "uid": r["uid"],
                "name": _name(r, lang),
                "name_en": r["name_en"], "name_ko": r["name_ko"],
                "kind": r["kind"],
                "kind_label": vocab_label("location_kind", r["kind"], lang) if r["kind"] else None,
                "facility_type": r["facility_type"],
                "count": r["n"],
                "victims": [{"uid": v["uid"], "name": _name(v, lang)} for v in r["victims"]],
                "truncated": r["n"] > len(r["victims"]),
            },
        })
    return {"type": "FeatureCollection", "layer": layer, "relationship": rel_type,
            "total": sum(f["properties"]["count"] for f in features), "features": features}


def _name(row: dict, lang: str) -> str:
    return (row.get("name_ko") if lang == "ko" else None) or row.get("name_en") or row["uid"]


#: The kinds of public places the map names, and from which zoom level on
#: (visualizations.maps.LABEL_ZOOM).
PLACE_KINDS = ("province", "city", "county")


@per_revision
def places(lang: str = "en") -> list[dict]:
    """Public provinces, cities and counties with coordinates, named in ``lang`` where known:
    ``[{"uid", "name", "kind", "lat", "lon"}]`` for the map's place names."""
    rows = public_query("public/list_map_places", kinds=list(PLACE_KINDS))
    return [{"uid": r["uid"], "name": _name(r, lang), "kind": r["kind"],
             "lat": r["coords"].y, "lon": r["coords"].x} for r in rows]
