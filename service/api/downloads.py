"""``/api/v1/downloads/...``: the public graph in bulk, streamed (service/public/downloads.py).

JSON Lines is the interchange format (``footprints load`` imports it); CSV comes
one table at a time or all tables zipped; GraphML opens in Gephi, yEd, Cytoscape.
"""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from service.public import downloads

blp = Blueprint("downloads", __name__, url_prefix="/api/v1/downloads",
                description="Bulk downloads of the published graph (streamed)")

FORMATS = {
    "graph.jsonl": ("application/x-ndjson", "JSON Lines in the interchange format"),
    "csv.zip": ("application/zip", "Every CSV table in one zip archive"),
    "graph.graphml": ("application/graphml+xml", "GraphML"),
}


def _file(content_type: str, description: str) -> dict:
    return {"responses": {"200": {"description": description,
                                  "content": {content_type: {"schema": {"type": "string",
                                                                       "format": "binary"}}}}}}


def _stream(body, content_type: str, filename: str) -> Response:
    return Response(body, content_type=content_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


class DownloadSchema(Schema):
    name = fields.String(required=True)
    url = fields.String(required=True)
    content_type = fields.String(required=True)
    description = fields.String(required=True)


@blp.route("")
class Downloads(MethodView):
    @blp.response(200, DownloadSchema(many=True))
    def get(self):
        """What can be downloaded."""
        out = [{"name": name, "url": f"/api/v1/downloads/{name}", "content_type": ctype,
                "description": text} for name, (ctype, text) in FORMATS.items()]
        out += [{"name": f"{table}.csv", "url": f"/api/v1/downloads/csv/{table}.csv",
                 "content_type": "text/csv", "description": f"CSV table of {table}"}
                for table in downloads.CSV_TABLES]
        return out


@blp.route("/graph.jsonl")
class JsonLines(MethodView):
    @blp.doc(**_file(*FORMATS["graph.jsonl"]))
    def get(self):
        """The public graph as JSON Lines (interchange format)."""
        return _stream(downloads.jsonl(), "application/x-ndjson; charset=utf-8",
                       "footprints-public.jsonl")


@blp.route("/csv.zip")
class CsvZip(MethodView):
    @blp.doc(**_file(*FORMATS["csv.zip"]))
    def get(self):
        """Every CSV table (persons, perpetrators, ..., relationships) in one zip."""
        return _stream(downloads.csv_zip(), "application/zip", "footprints-public-csv.zip")


@blp.route("/csv/<string:table>.csv")
class CsvTable(MethodView):
    @blp.doc(**_file("text/csv", "One CSV table"))
    @blp.doc(responses={"404": {"description": "No such table"}})
    def get(self, table: str):
        """One CSV table: persons, perpetrators, locations, events, proceedings, instruments,
        resources, sources, organizations or relationships."""
        if table not in downloads.CSV_TABLES:
            abort(404, message=f"no CSV table {table!r}; tables: "
                               f"{', '.join(downloads.CSV_TABLES)}")
        return _stream(downloads.csv(table), "text/csv; charset=utf-8",
                       f"footprints-public-{table}.csv")


@blp.route("/graph.graphml")
class GraphMl(MethodView):
    @blp.doc(**_file(*FORMATS["graph.graphml"]))
    def get(self):
        """The public graph as GraphML."""
        return _stream(downloads.graphml(), "application/graphml+xml; charset=utf-8",
                       "footprints-public.graphml")
