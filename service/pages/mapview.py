"""The map: where public victims lived, were taken from, were last seen (and were held).

The layers come from ``service.public.maps.geojson`` and are embedded in the
page as the JSON of ``visualizations.maps.leaflet_config``; /static/js/map.js
draws them as clustered, toggleable Leaflet layers over the vendored Natural
Earth basemap. A configured tile server (settings.tile_url) is used instead
of nothing only when an operator chose one. The biggest places of each layer
are also listed in tables, the map's text alternative.

A popup's counted words ("1 victim", "and 3 more") are written here, per marker, from
the catalogue and with the page's number format, so the script says nothing of its own.
"""

from __future__ import annotations

from flask import current_app, g, render_template
from flask_babel import format_number, lazy_gettext, ngettext
from flask_babel import gettext as _

from service.pages.blueprint import blp
from service.public import maps
from visualizations.maps import leaflet_config, top_locations

#: Victims named per place in a popup; the popup links to a search for all of them.
PER_POPUP = 10
#: The layers' names, in the order of ``service.public.maps.LAYERS``.
LAYER_TITLES = {"lived": lazy_gettext("Lived"), "taken_from": lazy_gettext("Taken from"),
                "last_seen": lazy_gettext("Last seen"),
                "held": lazy_gettext("Held (detention facilities)")}


def victims_text(count: int) -> str:
    return ngettext("%(count)s victim", "%(count)s victims", count, count=format_number(count))


def more_text(count: int) -> str:
    """The victims a popup does not name."""
    return ngettext("and %(count)s more", "and %(count)s more", count, count=format_number(count))


def popup_texts(config: dict) -> dict:
    """``config`` with each marker's counted words (``count_text``, ``more_text``)."""
    for layer in config["layers"]:
        for marker in layer["markers"]:
            marker["count_text"] = victims_text(marker["count"])
            marker["more_text"] = more_text(marker["more"]) if marker["more"] > 0 else ""
    return config


@blp.route("/map")
def map_page():
    lang = g.lang
    layers = {key: maps.geojson(key, lang, per_location=PER_POPUP) for key in maps.LAYERS}
    labels = {key: str(LAYER_TITLES[key]) for key in layers}
    settings = current_app.config["SETTINGS"]
    config = leaflet_config(
        layers, labels, tile_url=settings.tile_url,
        tile_attribution=_("Map tiles: configured tile server") if settings.tile_url else "",
        strings={"all": _("All victims linked to this place"),
                 "basemap": _("Boundaries: Natural Earth")})
    tables = [{"key": key, "label": labels[key], "total": layers[key]["total"],
               "rows": top_locations(layers[key])} for key in layers]
    return render_template("map.html", config=popup_texts(config), tables=tables)
