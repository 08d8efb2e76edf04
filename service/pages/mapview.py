"""The map: where public victims lived, were taken from, were last seen (and were held).

The layers come from ``service.public.maps.geojson`` and are embedded in the
page as the JSON of ``visualizations.maps.leaflet_config``; /static/js/map.js
draws them as clustered, toggleable Leaflet layers over the vendored Natural
Earth basemap. A configured tile server (settings.tile_url) is used instead
of nothing only when an operator chose one. The biggest places of each layer
are also listed in tables, the map's text alternative.
"""

from __future__ import annotations

from flask import current_app, g, render_template

from service.i18n import t
from service.pages.blueprint import blp
from service.public import maps
from visualizations.maps import leaflet_config, top_locations

#: Victims named per place in a popup; the popup links to a search for all of them.
PER_POPUP = 10


@blp.route("/map")
def map_page():
    lang = g.lang
    layers = {key: maps.geojson(key, lang, per_location=PER_POPUP) for key in maps.LAYERS}
    labels = {key: t(f"layer.{key}", lang) for key in layers}
    settings = current_app.config["SETTINGS"]
    config = leaflet_config(
        layers, labels, tile_url=settings.tile_url,
        tile_attribution=t("map.tile_attribution", lang) if settings.tile_url else "",
        strings={k: t(f"map.popup.{k}", lang) for k in ("victims", "more", "profile", "all")}
        | {"basemap": t("map.basemap", lang), "layers": t("map.layers", lang)})
    tables = [{"key": key, "label": labels[key], "total": layers[key]["total"],
               "rows": top_locations(layers[key])} for key in layers]
    return render_template("map.html", config=config, tables=tables)
