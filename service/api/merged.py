"""Merged views of people judged to be one person (entity resolution, docs/interop.md).

Nothing is merged in the stores: a merged view lists every value its records hold,
with the records that hold it. The public view follows ``SAME_AS`` in the public
graph, which exists only when every record of the cluster is public. The vault view
follows editors' judgements, shows only a cluster whose every record the caller may
see, and is audited like any vault read.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from graph.resolution.merged import merged_view
from service.api.vault_common import caller, no_store
from service.auth import VAULT_READERS, require_role
from service.stores import public_driver
from service.vault.reads import audit_reads
from service.vault.visibility import visible

blp = Blueprint("merged", __name__, url_prefix="/api/v1",
                description="Merged views of records judged to be one person")


class ValueSchema(Schema):
    value = fields.Raw()
    records = fields.List(fields.String())


class MergedViewSchema(Schema):
    uid = fields.String(required=True)
    members = fields.List(fields.String(), required=True)
    label = fields.String(required=True, metadata={"description": "The strictest consent label "
                                                                  "among the records"})
    reasons = fields.List(fields.String())
    fields_ = fields.Dict(data_key="fields", attribute="fields",
                          keys=fields.String(), values=fields.List(fields.Nested(ValueSchema)))
    places = fields.List(fields.Dict())


@blp.route("/people/<string:uid>/merged")
class PublicMerged(MethodView):
    @blp.response(200, MergedViewSchema)
    def get(self, uid: str):
        """The public merged view of a person: their record and every public record judged
        to be the same person (a single record when there is none)."""
        driver, database = public_driver()
        view = merged_view(driver, database, uid, store="public")
        if view is None:
            abort(404, message=f"no public person with uid {uid!r}")
        return view.to_dict()


@blp.route("/vault/people/<string:uid>/merged")
class VaultMerged(MethodView):
    @require_role(*VAULT_READERS)
    @blp.response(200, MergedViewSchema)
    def get(self, uid: str):
        """The vault merged view: records judged the same (investigators, lawyers, editors).
        Shown only if the caller may see every record of the cluster; audited."""
        stores, user = caller()
        view = merged_view(stores.vault, stores.database("vault"), uid, store="vault")
        seen = visible(stores, user, view.members) if view else {}
        if view is None or uid not in seen:
            abort(404, message=f"no record with uid {uid!r}")
        if set(seen) != set(view.members):
            # A cluster reaching a record the caller may not see is not shown at all: even
            # its size would say that such a record exists.
            abort(404, message=f"no record with uid {uid!r}")
        audit_reads(stores, user, seen.values(), via="merged-view")
        return view.to_dict()


no_store(blp)
