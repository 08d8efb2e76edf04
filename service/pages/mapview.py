"""The map: where public victims lived, were taken from, were last seen (and were held).

The layers come from ``service.public.maps.geojson`` and are embedded in the
page as the JSON of ``visualizations.maps.leaflet_config``; /static/js/map.js
draws them as clustered, toggleable Leaflet layers over the vendored Natural
Earth basemap. A configured tile server (settings.tile_url) is used instead
of nothing only when an operator chose one. The biggest places of each layer
are also listed in tables, the map's text alternative.

The search's filters (category, sex, perpetrator, event years) narrow the map,
under the same URL parameters as /search, read by the search's own
``read_state`` so that both accept and drop the same values. The filter form is
a plain GET form (it works without JavaScript); map.js applies it at once by
fetching this page for the new URL and swapping the map's data and tables.

A popup's counted words ("1 victim", "and 3 more") are written here, per marker, from
the catalogue and with the page's number format, so the script says nothing of its own.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, g, render_template, url_for
from flask_babel import format_number, lazy_gettext, ngettext
from flask_babel import gettext as _

from graph.vocabularies import choices
from service.pages.blueprint import blp
from service.pages.search import TITLES, read_state
from service.public import maps
from service.public.search import facet_label
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


def map_filters(filters: dict) -> dict:
    """The part of a search's filters that the map takes (``service.public.maps.MAP_FILTERS``)."""
    return {k: v for k, v in filters.items() if k in maps.MAP_FILTERS}


def filter_form(filters: dict, lang: str) -> list[dict]:
    """The checkbox groups of the map's filter form, every value of each vocabulary."""
    return [{"name": name, "title": str(TITLES[name]),
             "values": [{"key": key, "label": facet_label(name, key, lang),
                         "checked": key in filters.get(name, [])}
                        for key in choices(vocabulary)]}
            for name, vocabulary in maps.MAP_LIST_FILTERS.items()]


def active_filters(filters: dict, lang: str) -> list[str]:
    """The filters in force, in words, for the sentence above the map."""
    out = [f"{TITLES[name]}: {facet_label(name, v, lang)}"
           for name in maps.MAP_LIST_FILTERS for v in filters.get(name, [])]
    out += [f"{TITLES[name]}: {filters[name]}" for name in maps.MAP_YEAR_FILTERS
            if filters.get(name) is not None]
    return out


@blp.route("/map")
def map_page():
    lang = g.lang
    filters = map_filters(read_state()["filters"])
    layers = {key: maps.geojson(key, lang, per_location=PER_POPUP, filters=filters)
              for key in maps.LAYERS}
    labels = {key: str(LAYER_TITLES[key]) for key in layers}
    settings = current_app.config["SETTINGS"]
    # A popup's "all victims here" search keeps the map's filters.
    query = urlencode(filters, doseq=True)
    search_template = url_for("pages.search") + "?" + (query + "&" if query else "") + \
        "location={uid}"
    config = leaflet_config(
        layers, labels, places=maps.places(lang), lang=lang, tile_url=settings.tile_url,
        tile_attribution=_("Map tiles: configured tile server") if settings.tile_url else "",
        strings={"all": _("All victims linked to this place"),
                 "basemap": _("Boundaries: Natural Earth"),
                 "updating": _("Updating the map…"),
                 "failed": _("The map could not be updated; apply the filters again.")},
        search_url=search_template)
    tables = [{"key": key, "label": labels[key], "total": layers[key]["total"],
               "rows": top_locations(layers[key])} for key in layers]
    return render_template(
        "map.html", config=popup_texts(config), tables=tables, filters=filters,
        form=filter_form(filters, lang), applied=active_filters(filters, lang),
        search_link=url_for("pages.search", **filters),
        clear_url=url_for("pages.map_page"))
