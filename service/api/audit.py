"""The audit log for admins: verify the hash chain, list the latest entries.

The HTTP equivalent of ``footprints audit verify`` (service/vault/audit.py). Admins
only: the log names who read which record. An admin lists the entries of their own
organisation only (its users' actions, and actions on its users and records).
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from service.api.public_schemas import StrictArgs
from service.api.vault_common import caller, no_store
from service.auth import require_role
from service.vault.audit import latest_entries, verify_chain

blp = Blueprint("vault-audit", __name__, url_prefix="/api/v1/vault/audit",
                description="The hash-chained audit log (admins)")
no_store(blp)

MAX_PER_PAGE = 200


class AuditVerifySchema(Schema):
    ok = fields.Boolean(required=True, metadata={"description": "The chain is intact"})
    entries = fields.Integer(required=True, metadata={"description": "Entries checked"})
    problem = fields.String(allow_none=True, metadata={
        "description": "What is wrong, naming the first entry that does not fit"})
    seq = fields.Integer(allow_none=True, metadata={"description": "That entry's number"})
    head_seq = fields.Integer(required=True, metadata={"description": "The head's last number"})
    head_hash = fields.String(allow_none=True)
    checked_at = fields.String(required=True)
    unfinished_imports = fields.List(fields.Nested(lambda: UnfinishedImportSchema()), metadata={
        "description": "Imports logged as started that never finished (cut short, or running)"})


class UnfinishedImportSchema(Schema):
    seq = fields.Integer(required=True, metadata={"description": "Its import.started entry"})
    file = fields.String(allow_none=True)


class AuditEntriesArgs(StrictArgs):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PER_PAGE))
    action = fields.String(load_default=None, validate=validate.Length(min=1, max=100),
                           metadata={"description": "Only entries of this action, e.g. vault.read"})


class AuditEntrySchema(Schema):
    seq = fields.Integer(required=True)
    at = fields.String(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    subject = fields.String(allow_none=True)
    details = fields.Raw(allow_none=True, metadata={"description": "What the entry recorded"})
    prev_hash = fields.String(allow_none=True)
    hash = fields.String(allow_none=True)


class AuditPageSchema(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    head_seq = fields.Integer(required=True)
    items = fields.List(fields.Nested(AuditEntrySchema), required=True)


@blp.route("/verify")
class Verify(MethodView):
    @require_role("admin")
    @blp.response(200, AuditVerifySchema)
    def get(self):
        """Recompute the audit log's hash chain (as ``footprints audit verify`` does).

        200 either way: ``ok`` says whether the chain is intact, ``problem`` and ``seq``
        name the first entry that does not fit."""
        stores, _ = caller()
        return verify_chain(stores)


@blp.route("/entries")
class Entries(MethodView):
    @require_role("admin")
    @blp.arguments(AuditEntriesArgs, location="query", unknown=None)
    @blp.response(200, AuditPageSchema)
    def get(self, args: dict):
        """Your organisation's latest audit entries, newest first, paginated."""
        stores, admin = caller()
        if not admin.organization:
            abort(403, message="you belong to no organisation, so no part of the log is yours")
        return latest_entries(stores, admin.organization, args["page"],
                                          args["per_page"], args["action"])
