"""``/api/v1/search``: keyword + facet search over public victims (service/public/search.py)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from service.api.public_schemas import BucketSchema, LangArgs, PageArgs, ScoredNodeSchema, vocabulary_list
from service.public import search

blp = Blueprint("search", __name__, url_prefix="/api/v1/search",
                description="Search public victims by name (English, Hangul, romanised variants) "
                            "and facets")

YEAR = validate.Range(min=1800, max=2100)


class SearchArgs(LangArgs, PageArgs):
    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "Keyword: a name in English, Hangul or a romanised "
                                               "variant; one Hangul syllable matches as a prefix. "
                                               "Query syntax characters are ignored."})
    category = vocabulary_list("victim_category", "Victim category")
    sex = vocabulary_list("sex", "Sex")
    status = vocabulary_list("status", "Status")
    occupation = vocabulary_list("occupation", "Occupation")
    age_group = vocabulary_list("age_group", "Age group at the time of the event")
    nationality = vocabulary_list("nationality", "Nationality")
    perpetrator = vocabulary_list("perpetrator", "Perpetrator (any body up the chain of command)")
    forum = vocabulary_list("forum", "Forum of a proceeding concerning the victim")
    year_from = fields.Integer(validate=YEAR, metadata={
        "description": "Year of an event the victim was subjected to: from"})
    year_to = fields.Integer(validate=YEAR, metadata={"description": "Event year: to"})
    born_from = fields.Integer(validate=YEAR, metadata={"description": "Birth year: from"})
    born_to = fields.Integer(validate=YEAR, metadata={"description": "Birth year: to"})
    first_year = fields.Integer(validate=YEAR, metadata={
        "description": "Year of the victim's first event (the dashboard's chart by year)"})
    body = fields.String(validate=validate.Length(min=1, max=200), metadata={
        "description": "uid of a perpetrator body: victims of it or of any unit PART_OF it"})
    location = fields.String(validate=validate.Length(min=1, max=200), metadata={
        "description": "uid of a location (e.g. a province): victims who lived, were taken or "
                       "last seen there or anywhere WITHIN it"})
    @validates_schema
    def ranges_in_order(self, data, **kwargs):
        for low, high in (("year_from", "year_to"), ("born_from", "born_to")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                raise ValidationError(f"{high} is before {low}", high)


class SearchItemSchema(ScoredNodeSchema):
    years = fields.List(fields.Integer(), metadata={"description": "Years of their events"})


class SearchResultSchema(Schema):
    query = fields.String(allow_none=True, metadata={
        "description": "The full-text query the keyword became (null: no keyword)"})
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchItemSchema), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(BucketSchema)),
                         metadata={"description": "Counts over the whole result, each facet counted "
                                                  "without its own filter (so the other values "
                                                  "of a filtered facet keep their counts): "
                                                  "category, sex, "
                                                  "age_group, occupation, status, nationality, "
                                                  "decade (of the first event), perpetrator, "
                                                  "forum, province (key: location uid)"})
    entities = fields.List(fields.Nested(ScoredNodeSchema), metadata={
        "description": "Other public records (bodies, places, proceedings, law) matching q"})


@blp.route("")
class Search(MethodView):
    @blp.arguments(SearchArgs, location="query", unknown=None)
    @blp.response(200, SearchResultSchema)
    def get(self, args):
        """Search public victims.

        Filters combine with AND; a repeated filter matches any of its values.
        `year_from`/`year_to` are the year of an event; `born_from`/`born_to` the birth year.
        """
        lang, q = args.pop("lang"), args.pop("q", None)
        page, per_page = args.pop("page"), args.pop("per_page")
        return search.search(q, args, page, per_page, lang)

