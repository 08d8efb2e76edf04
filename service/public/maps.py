"""Map layers: where public victims lived, were taken from, were last seen, were held.

Each layer is a GeoJSON FeatureCollection of points (WGS-84, ``[lon, lat]``)
with per-location counts and the first victims by name, for popups that link
to profiles. Only public victims and public locations are counted: the
public graph has no others.
"""

from __future__ import annotations

from graph.vocabularies import label as vocab_label
from service.public.cache import per_revision
from service.stores import public_query

LAYERS = {"lived": "LIVED_AT", "taken_from": "TAKEN_FROM", "last_seen": "LAST_SEEN_AT",
          "held": "HELD_AT"}
#: Victims listed per location in a popup; ``count`` always has the full number.
PER_LOCATION = 50


@per_revision
def geojson(layer: str, lang: str = "en", per_location: int = PER_LOCATION) -> dict:
    """The FeatureCollection of ``layer`` (a key of ``LAYERS``; KeyError otherwise).

    Each feature's properties: ``uid``, ``name`` (in ``lang`` where known),
    ``name_en``, ``name_ko``, ``kind``, ``kind_label``, ``facility_type``,
    ``count`` (public victims), ``victims`` (``[{"uid", "name"}]``, at most
    ``per_location``) and ``truncated``.
    """
    rel_type = LAYERS[layer]
    rows = public_query("public/match_map_layer", type=rel_type, per_location=per_location)
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
