"""``/api/v1/stats``: the dashboard's counts (service/public/stats.py)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from service.api.public_schemas import BucketSchema, LangArgs
from service.public import stats

blp = Blueprint("stats", __name__, url_prefix="/api/v1/stats",
                description="Counters and breakdowns of the published data")


class HeldSchema(Schema):
    total = fields.Integer(allow_none=True, metadata={
        "description": "Victims recorded but not published; null when below the threshold"})
    by_category = fields.List(fields.Nested(BucketSchema))
    threshold = fields.Integer(allow_none=True, metadata={
        "description": "If any category holds fewer than this, every category is suppressed "
                       "(null), or left out when even that would show one to be small"})
    withheld = fields.Boolean(metadata={
        "description": "Victims are held but no breakdown by category is published"})


class StatsSchema(Schema):
    totals = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    charts = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(BucketSchema)),
                         required=True, metadata={"description": ", ".join(stats.CHARTS)})
    held_confidentially = fields.Nested(HeldSchema, required=True)
    generation = fields.Integer(allow_none=True)
    published_at = fields.String(allow_none=True)


@blp.route("")
class Stats(MethodView):
    @blp.arguments(LangArgs, location="query", unknown=None)
    @blp.response(200, StatsSchema)
    def get(self, args):
        """Dashboard statistics.

        Victims by year (of their first event), category, sex, age group, occupation, status
        and perpetrator; perpetrator bodies by type and kind; proceedings by forum; totals;
        and the suppressed totals of victims held confidentially.
        """
        return stats.dashboard(args["lang"])
