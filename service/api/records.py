"""Vault records: read (investigators, lawyers), create and edit (editors).

Records travel in the interchange format (docs/interchange.md). A GET answers
with an ETag; PUT and PATCH must send it back in If-Match (428 without, 412 if
the record changed meanwhile). Reads of restricted and confidential records are
audited; confidential records are shown only to their organisation's users, whatever
their role (admins included), and only the owning organisation changes a record
(``service.vault.visibility``).
"""

from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import INCLUDE, Schema, fields, validate

from service.api.vault_common import IF_MATCH_DOC, caller, http_errors, if_match, no_store
from service.auth import VAULT_READERS, require_role
from service.vault import edits, reads

blp = Blueprint("vault-records", __name__, url_prefix="/api/v1/vault",
                description="Vault records for investigators, lawyers and editors "
                            "(authenticated, role-checked, audited)")
no_store(blp)


class VaultRecordBodySchema(Schema):
    """An interchange record (or, for PATCH, the fields to change). Checked in full against
    the record type's schema (``loaders.records``)."""

    class Meta:
        unknown = INCLUDE

    record = fields.String(metadata={"description": "Person, Event, Source, Location, "
                                                    "PerpetratorBody, Proceeding, ..."})
    uid = fields.String(validate=validate.Length(min=1, max=200))


class VaultRecordSchema(Schema):
    uid = fields.String(required=True)
    type = fields.String(required=True)
    consent_label = fields.String(required=True)
    etag = fields.String(required=True)
    record = fields.Dict(required=True)


class VaultRelationshipViewSchema(Schema):
    type = fields.String(required=True)
    direction = fields.String(required=True)
    props = fields.Dict()
    other = fields.Dict(metadata={"description": "The record at the other end: uid, type, "
                                                "consent_label and what names it"})


class VaultDossierSchema(VaultRecordSchema):
    consents = fields.List(fields.Dict())
    consents_withheld = fields.Boolean()
    sources = fields.List(fields.Dict())
    relationships = fields.List(fields.Nested(VaultRelationshipViewSchema))
    withheld = fields.Integer(metadata={"description": "Related records not shown to you"})


class VaultSearchArgs(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=200))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class VaultHitSchema(Schema):
    uid = fields.String(required=True)
    consent_label = fields.String(required=True)
    roles = fields.List(fields.String())
    name_en = fields.String(allow_none=True)
    name_ko = fields.String(allow_none=True)
    name_variants = fields.List(fields.String())
    status = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    birth_year = fields.Integer(allow_none=True)
    score = fields.Float()


class VaultRelationshipBodySchema(Schema):
    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True)


class VaultRelationshipSchema(Schema):
    type = fields.String(required=True)
    from_ = fields.String(data_key="from", attribute="from", required=True)
    to = fields.String(required=True)
    key = fields.String()
    sources = fields.List(fields.String())
    props = fields.Dict()


def _with_etag(view: dict, status: int = 200, **headers: str):
    return view, status, {"ETag": f'"{view["etag"]}"', **headers}


@blp.route("/records")
class Records(MethodView):
    @require_role("editor")
    @blp.arguments(VaultRecordBodySchema)
    @blp.response(201, VaultRecordSchema)
    def post(self, body: dict):
        """Create a record (an interchange record; ``uid`` is generated when absent)."""
        stores, user = caller()
        with http_errors("record"):
            view = edits.create_record(stores, user, body)
        return _with_etag(view, 201, Location=url_for("vault-records.Record", uid=view["uid"]))


@blp.route("/records/<string:uid>")
class Record(MethodView):
    @require_role(*VAULT_READERS)
    @blp.response(200, VaultRecordSchema)
    def get(self, uid: str):
        """One vault record by uid, with its ETag (audited unless public)."""
        stores, user = caller()
        with http_errors():
            return _with_etag(reads.read_record(stores, user, uid))

    @require_role("editor")
    @blp.arguments(VaultRecordBodySchema)
    @blp.response(200, VaultRecordSchema)
    @blp.doc(**IF_MATCH_DOC)
    def put(self, body: dict, uid: str):
        """Replace a record: the whole interchange record, If-Match required."""
        return self._update(uid, body, partial=False)

    @require_role("editor")
    @blp.arguments(VaultRecordBodySchema)
    @blp.response(200, VaultRecordSchema)
    @blp.doc(**IF_MATCH_DOC)
    def patch(self, body: dict, uid: str):
        """Change some fields of a record (``null`` removes one), If-Match required."""
        return self._update(uid, body, partial=True)

    @staticmethod
    def _update(uid: str, body: dict, partial: bool):
        stores, user = caller()
        with http_errors("record"):
            edits.require_writable(stores, user, uid, "record")  # 404, 403 before 428
            tags = if_match()
            return _with_etag(edits.update_record(stores, user, uid, body, tags, partial))


@blp.route("/persons/<string:uid>")
class Person(MethodView):
    @require_role(*VAULT_READERS)
    @blp.response(200, VaultDossierSchema)
    def get(self, uid: str):
        """A person's full record: consents, sources and relationships (audited).

        ``etag`` is the person record's (for If-Match on /records/{uid}); the response as a
        whole has none, since it also depends on the records around the person."""
        stores, user = caller()
        with http_errors():
            return reads.dossier(stores, user, uid)


@blp.route("/search")
class Search(MethodView):
    @require_role(*VAULT_READERS)
    @blp.arguments(VaultSearchArgs, location="query")
    @blp.response(200, VaultHitSchema(many=True))
    def get(self, args: dict):
        """People in the vault by name, restricted ones included (hits are audited).

        A person who is only a witness or a relative has their names encrypted in the
        vault: found by an exact name, variant or romanisation (case, spaces and hyphens
        aside), never by a part of it (docs/encryption.md)."""
        stores, user = caller()
        return reads.search_people(stores, user, args["q"], args["limit"])


@blp.route("/relationships")
class Relationships(MethodView):
    @require_role("editor")
    @blp.arguments(VaultRelationshipBodySchema)
    @blp.response(201, VaultRelationshipSchema)
    def post(self, body: dict):
        """Link two records (an interchange relationship record); both ends are republished."""
        stores, user = caller()
        with http_errors("type"):
            return edits.create_relationship(stores, user, body)
