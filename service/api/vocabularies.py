"""Controlled vocabularies with English and Korean labels (for facets and forms)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from graph.vocabularies import VOCABULARIES

blp = Blueprint("vocabularies", __name__, url_prefix="/api/v1/vocabularies",
                description="Controlled vocabularies in English and Korean")


class TermSchema(Schema):
    key = fields.String(required=True)
    en = fields.String(required=True)
    ko = fields.String(required=True)


class VocabularySchema(Schema):
    name = fields.String(required=True)
    terms = fields.List(fields.Nested(TermSchema), required=True)


def _vocabulary(name: str) -> dict:
    return {"name": name, "terms": [{"key": k, **labels} for k, labels in VOCABULARIES[name].items()]}


@blp.route("")
class Vocabularies(MethodView):
    @blp.response(200, VocabularySchema(many=True))
    def get(self):
        """Every vocabulary."""
        return [_vocabulary(name) for name in VOCABULARIES]


@blp.route("/<string:name>")
class Vocabulary(MethodView):
    @blp.response(200, VocabularySchema)
    def get(self, name: str):
        """One vocabulary by name."""
        if name not in VOCABULARIES:
            abort(404, message=f"no vocabulary named {name!r}")
        return _vocabulary(name)
