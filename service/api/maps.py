"""``/api/v1/maps/<layer>``: GeoJSON of where public victims lived, were taken from, were
last seen and were held (service/public/maps.py)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validates_schema

from service.api.public_schemas import LangArgs, vocabulary_list
from service.api.search import YEAR
from service.public import maps

blp = Blueprint("maps", __name__, url_prefix="/api/v1/maps",
                description="Map layers as GeoJSON FeatureCollections")


class VictimRefSchema(Schema):
    uid = fields.String(required=True)
    name = fields.String(required=True)


class FeaturePropertiesSchema(Schema):
    uid = fields.String(required=True)
    name = fields.String(required=True)
    name_en = fields.String(allow_none=True)
    name_ko = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    kind_label = fields.String(allow_none=True)
    facility_type = fields.String(allow_none=True)
    count = fields.Integer(required=True, metadata={"description": "Public victims here"})
    victims = fields.List(fields.Nested(VictimRefSchema), metadata={
        "description": f"The first {maps.PER_LOCATION} by name"})
    truncated = fields.Boolean()


class GeometrySchema(Schema):
    type = fields.String(required=True, metadata={"description": "Point"})
    coordinates = fields.List(fields.Float(), required=True,
                              metadata={"description": "[lon, lat], WGS-84"})


class FeatureSchema(Schema):
    type = fields.String(required=True)
    id = fields.String()
    geometry = fields.Nested(GeometrySchema, required=True)
    properties = fields.Nested(FeaturePropertiesSchema, required=True)


class FeatureCollectionSchema(Schema):
    type = fields.String(required=True)
    layer = fields.String(required=True)
    relationship = fields.String(required=True)
    total = fields.Integer(metadata={"description": "Sum of the per-location counts"})
    features = fields.List(fields.Nested(FeatureSchema), required=True)


class MapArgs(LangArgs):
    """The search's filters (``/api/v1/search``), under the same names and vocabularies."""

    category = vocabulary_list("victim_category", "Victim category")
    sex = vocabulary_list("sex", "Sex")
    perpetrator = vocabulary_list("perpetrator", "Perpetrator (any body up the chain of command)")
    year_from = fields.Integer(validate=YEAR, metadata={
        "description": "Year of an event the victim was subjected to: from"})
    year_to = fields.Integer(validate=YEAR, metadata={"description": "Event year: to"})

    @validates_schema
    def years_in_order(self, data, **kwargs):
        if data.get("year_from") is not None and data.get("year_to") is not None \
                and data["year_from"] > data["year_to"]:
            raise ValidationError("year_to is before year_from", "year_to")


class LayerListSchema(Schema):
    layers = fields.List(fields.String(), required=True)


@blp.route("")
class Layers(MethodView):
    @blp.response(200, LayerListSchema)
    def get(self):
        """The available layers."""
        return {"layers": list(maps.LAYERS)}


@blp.route("/<string:layer>")
class Layer(MethodView):
    @blp.arguments(MapArgs, location="query", unknown=None)
    @blp.response(200, FeatureCollectionSchema)
    def get(self, args, layer: str):
        """One layer: lived, taken_from, last_seen or held.

        Filtered as a search is: victims of any of the given categories, sexes and
        perpetrators, with an event in the year range; locations none of them is
        linked to are left out.
        """
        if layer not in maps.LAYERS:
            abort(404, message=f"no map layer {layer!r}; layers: {', '.join(maps.LAYERS)}")
        lang = args.pop("lang")
        return maps.geojson(layer, lang, filters=args)


