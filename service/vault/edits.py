"""Editors create and change vault records: validated, audited, republished at once.

Records go in and out in the interchange format and are validated by the
importer's schemas (``loaders.records``), so an API edit and a file import
accept exactly the same data. Nodes are written through the neomodel models
(``graph.models``), relationships through the importer's named MERGE.

Optimistic concurrency: a record's ETag is a hash of its content. An update
names the ETag it started from (If-Match); inside one transaction the node's
write lock is taken first, then its current content hashed and compared, then
the change written. Of two editors who read the same version, one wins and
the other gets 412 and nothing of theirs is written; nothing is silently lost.

Organisations are walls (``service.vault.visibility``): an editor changes, and links,
only what their organisation owns, or shared reference data; a record's owning
organisation is theirs when it is created and never changes afterwards.

After each change the affected records are republished synchronously, so the
public graph reflects the edit when the response is sent. Fields that the
consent workflow owns (review, at-risk, a source's terms of use) are changed
through their own operations (``graph.consent.editor``), not here.

Deleting is a soft delete (``delete_record``): the record keeps its place in the vault
and the audit log, labelled ``Deleted``; no vault read shows it and the consent policy
never publishes it.

What the caller is told (an :class:`Invalid` field's reasons, a :class:`Forbidden` reason)
is a :mod:`graph.messages` message, marshmallow's included (loaders/messages.py): English
for the JSON API, the page's language on a workspace page.
"""

from __future__ import annotations

import json
import secrets
import threading
from datetime import date
from typing import Any

from marshmallow import ValidationError
from neo4j.spatial import WGS84Point
from neomodel import db
from neomodel.contrib.spatial_properties import NeomodelPoint
from neomodel.exceptions import UniqueProperty

from graph import audit, models, queries
from graph.connections import Stores
from graph.consent import screening
from graph.messages import N_, Kind, Message
from graph.model import MODEL
from graph.publication import republish_stores
from loaders.importing.write import node_row, rel_row
from loaders.records import NODE_SCHEMAS, REL_TYPES, UID_MAX, RelRecord
from service.vault.accounts import User
from service.vault.reads import (
    NotVisible,
    etag_of,
    interchange,
    require_visible,
    written_record,
)
from service.vault.text import names_hidden_people
from service.vault.visibility import (
    OWNER_FIELD,
    Access,
    access_of,
    may_link,
    may_see,
    may_write,
    refusal,
)

#: Record types editors write here (all but consents, which have their own operations), with
#: their model and the prefix of generated uids (graph/model).
MODELS: dict[str, tuple[type, str]] = {
    name: (models.CLASSES[name], rtype.uid_prefix) for name, rtype in MODEL.records.items()
    if rtype.visibility != "consent"}
#: Where the operation lives that changes a managed field (``managed`` in graph/model).
MANAGED_BY = {"review": "POST /api/v1/vault/{kind}/<uid>/review",
              "at_risk": "POST /api/v1/vault/persons/<uid>/at-risk",
              "terms": "POST /api/v1/vault/sources/<uid>/terms",
              "file": "read from the file by the document pipeline (POST /api/v1/vault/documents)"}
#: Fields owned by a consent operation, and where to change them instead.
MANAGED: dict[str, dict[str, str]] = {
    name: {field: MANAGED_BY[how].format(kind="persons" if name == "Person" else "records")
           for field, how in rtype.managed_fields().items()}
    for name, rtype in MODEL.records.items() if rtype.managed_fields()}
#: Record types created only with their file (documents/ingest.py); edited here as others.
UPLOADED = frozenset(name for name, rtype in MODEL.records.items() if rtype.visibility == "document")
#: Managed fields that may still be given when a record is created.
SETTABLE_ON_CREATE = {"at_risk", "terms_of_use"}
ORG_FIELDS = ("owner", "submitted_by")
FIXED_OWNER = N_("the organisation that owns a record is fixed when it is created: records are "
                  "never moved between organisations")


class Invalid(ValueError):
    """Input to correct; nothing was written. ``errors`` maps each field to its reasons
    (messages, see the module's docstring) as the JSON API answers them; ``fields`` is the
    same for a form: a nested record's fields named ``outer.inner`` (a relationship's
    ``props.date_start``), a list's items' reasons given to the list, each a message."""

    def __init__(self, errors: dict[str, list[str]] | str, reason: str | None = None,
                 fields: dict[str, list[str]] | None = None):
        if isinstance(errors, str):
            errors = {errors: [reason or N_("invalid")]}
        self.errors = errors
        self.fields = fields or errors
        super().__init__("; ".join(f"{f}: {' '.join(map(str, r))}" for f, r in errors.items()))


def _schema_errors(exc: ValidationError) -> Invalid:
    """A schema's refusal as :class:`Invalid`: the API's shape as it always was (a nested
    record's reasons as one text), and each reason of each field for a form."""
    messages = exc.messages if isinstance(exc.messages, dict) else {"record": exc.messages}
    fields: dict[str, list[str]] = {}

    def walk(value: Any, key: str) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(inner, key if isinstance(name, int) else f"{key}.{name}" if key else name)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        else:
            fields.setdefault(key or "record", []).append(value)

    walk(messages, "")
    return Invalid({k: v if isinstance(v, list) else [str(v)] for k, v in messages.items()},
                   fields=fields)


class Forbidden(PermissionError):
    """The caller may see the record but not change it (HTTP 403); nothing was written."""

    def __init__(self, field: str, reason: Message | str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def require_writable(stores: Stores, user: User, uid: str, field: str = "uid") -> Access:
    """The record's access facts if ``user`` may change it; :class:`NotVisible` (404) if they
    may not even see it, :class:`Forbidden` (403) if it is another organisation's."""
    access = require_visible(stores, user, uid)
    if not may_write(user, access):
        raise Forbidden(field, refusal(access))
    return access


class Stale(RuntimeError):
    """The record changed since the caller read it (HTTP 412)."""

    def __init__(self, current: str):
        super().__init__("the record changed since you read it: GET it again, reapply your "
                         "change, and send If-Match with the new ETag")
        self.current = current


class Conflict(RuntimeError):
    """A record with that uid exists already (HTTP 409); ``reason`` says so."""

    def __init__(self, reason: Message):
        super().__init__(reason)
        self.reason = reason


_BIND = threading.Lock()


def _bind(stores: Stores) -> None:
    """Point neomodel at this app's vault. The database name is context-local in neomodel,
    so it is set for the calling thread on every call."""
    with _BIND:
        if db.driver is not stores.vault:
            models.use_driver(stores.vault, stores.database("vault"))
    db._database_name = stores.database("vault")


class _Row(dict):
    def data(self) -> dict:
        return dict(self)


class _NeomodelTx:
    """Lets the named-query helpers (``queries.run_in``, ``audit.append_in``) run inside
    neomodel's open transaction, so the record and its audit entry commit together."""

    def run(self, text: str, params: dict | None = None) -> list[_Row]:
        rows, columns = db.cypher_query(text, params or {})
        return [_Row(zip(columns, row, strict=True)) for row in rows]


def _validate(label: str, record: dict) -> dict:
    try:
        return NODE_SCHEMAS[label]().load(record)
    except ValidationError as exc:
        raise _schema_errors(exc) from exc


def _check_organizations(stores: Stores, data: dict) -> None:
    refs = {f: data[f] for f in ORG_FIELDS if data.get(f)}
    found = access_of(stores, refs.values())
    for field, uid in refs.items():
        if uid not in found or found[uid].label != "Organization":
            raise Invalid(field, N_("no Organization with uid %(uid)s", uid=repr(uid)))


def _model_values(cls: type, label: str, data: dict) -> dict[str, Any]:
    props = node_row(label, data)["props"]
    coords = props.get("coords")
    if isinstance(coords, WGS84Point):
        props["coords"] = NeomodelPoint((coords.x, coords.y), crs="wgs-84")
    return {name: props.get(name) for name in cls.defined_properties(aliases=False, rels=False)}


def _plain(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str))


def _set_roles(tx: _NeomodelTx, label: str, uid: str, data: dict) -> None:
    if label == "Person":
        queries.run_in(tx, "vault/set_person_roles", uid=uid, roles=list(data["roles"]))
        screening.names_changed_in(tx)  # the free-text gate's name index is out of date


def _republish(stores: Stores, uids: list[str], user: User, reason: str) -> None:
    republish_stores(stores, uids, actor=user.email, reason=reason)


def create_record(stores: Stores, user: User, body: Any) -> dict:
    """A new record from its interchange form (``record`` names the type; ``uid`` optional).
    The owning organisation (a person's, event's or proceeding's ``owner``, a source's
    ``submitted_by``) is the editor's: it defaults to it, and naming another is refused."""
    if not isinstance(body, dict):
        raise Invalid("record", N_("send a JSON object: an interchange record"))
    label = body.get("record")
    if label not in MODELS:
        raise Invalid("record", N_("one of %(types)s (consents are recorded through POST "
                                   "/api/v1/vault/persons/<uid>/consents)",
                                   types=", ".join(MODELS)))
    if label in UPLOADED:
        raise Invalid("record", N_("a document is created by uploading its file "
                                   "(POST /api/v1/vault/documents), not as a bare record"))
    cls, prefix = MODELS[label]
    for field, where in MANAGED.get(label, {}).items():
        if field in body and field not in SETTABLE_ON_CREATE:
            raise Invalid(field, N_("set through %(where)s", where=where))
    if user.organization is None:
        raise Forbidden("record", N_("you belong to no organisation, so you create no records"))
    record = dict(body)
    record.setdefault("uid", f"{prefix}-{secrets.token_hex(8)}")
    owner_field = OWNER_FIELD.get(label)
    if owner_field:
        given = record.setdefault(owner_field, user.organization)
        if given != user.organization:
            raise Forbidden(owner_field, N_("you create records of your own organisation "
                                            "(%(organization)s) only",
                                            organization=user.organization))
    data = _validate(label, record)
    _check_organizations(stores, data)
    uid = data["uid"]
    _bind(stores)
    try:
        with db.write_transaction:
            tx = _NeomodelTx()
            values = _model_values(cls, label, data)
            cls(**{k: v for k, v in values.items() if v is not None}).save()
            _set_roles(tx, label, uid, data)
            audit.append_in(tx, user.email, "record.create", uid, type=label,
                            fields=sorted(k for k in _plain(data) if k not in ("record", "uid")))
    except UniqueProperty as exc:
        raise Conflict(N_("a record with uid %(uid)s exists already", uid=repr(uid))) from exc
    _republish(stores, [uid], user, f"{label} created")
    return written_record(stores, uid)


def update_record(stores: Stores, user: User, uid: str, body: Any, if_match: list[str],
                  partial: bool) -> dict:
    """Replace (PUT) or patch (PATCH; ``null`` removes a field) a record, if its current ETag
    is among ``if_match``; raises :class:`Stale` otherwise."""
    access = require_writable(stores, user, uid, "record")
    if access.label not in MODELS:
        raise Invalid("record", N_("a %(kind)s is not edited here", kind=Kind(access.label)))
    if not isinstance(body, dict):
        raise Invalid("record", N_("send a JSON object with the fields to change"))
    label = access.label
    for field, expected in (("record", label), ("uid", uid)):
        if field in body and body[field] != expected:
            raise Invalid(field, N_("cannot change a record's %(field)s (it is %(value)s)",
                                    field=field, value=repr(expected)))
    owner_field = OWNER_FIELD.get(label)
    cls, _ = MODELS[label]
    _bind(stores)
    with db.write_transaction:
        tx = _NeomodelTx()
        rows = tx.run(queries.text("vault/lock_record"), {"uid": uid})
        if not rows:
            raise NotVisible(uid)
        current = interchange(rows[0]["labels"], rows[0]["props"])
        tag = etag_of(current)
        if tag not in if_match:
            raise Stale(tag)
        if names_hidden_people(stores, user, current):
            raise Forbidden("record", N_("its text names a person you may not see (another "
                                         "organisation's); only that organisation's editors "
                                         "may rewrite it"))
        merged = {**current, **body} if partial else {**body}
        if owner_field:
            if owner_field in body and body[owner_field] != current.get(owner_field):
                raise Invalid(owner_field, FIXED_OWNER)
            merged[owner_field] = current.get(owner_field)  # a PUT that leaves it out keeps it
        for field, where in MANAGED.get(label, {}).items():
            if field in body and body[field] != current.get(field):
                raise Invalid(field, N_("change it through %(where)s", where=where))
            merged.pop(field, None)
            if current.get(field) is not None:
                merged[field] = current[field]
        merged = {k: v for k, v in merged.items() if v is not None}
        merged.update(record=label, uid=uid)
        data = _validate(label, merged)
        _check_organizations(stores, data)
        node = cls.inflate(rows[0]["node"])
        for name, value in _model_values(cls, label, data).items():
            setattr(node, name, value)
        node.save()
        _set_roles(tx, label, uid, data)
        after = _plain(data)
        changed = sorted(k for k in set(current) | set(after)
                         if k != "record" and current.get(k) != after.get(k))
        audit.append_in(tx, user.email, "record.update", uid, type=label, fields=changed,
                        etag_was=tag, method="PATCH" if partial else "PUT")
    _republish(stores, [uid], user, f"{label} updated")
    return written_record(stores, uid)


def create_relationship(stores: Stores, user: User, body: Any) -> dict:
    """A relationship in the interchange form (``type``, ``from``, ``to``, ``sources``, ...),
    merged like an import (re-sending it changes nothing), then both ends republished. The
    caller's organisation must own both ends (or they are shared reference data): a link
    changes what becomes public about each end. Cited sources need only be visible."""
    if not isinstance(body, dict):
        raise Invalid("type", N_("send a JSON object: an interchange relationship record"))
    try:
        data = RelRecord().load({"record": "rel", **body})
    except ValidationError as exc:
        raise _schema_errors(exc) from exc
    if data["type"] == "GAVE":
        raise Invalid("type", N_("consents are recorded through POST "
                                 "/api/v1/vault/persons/<uid>/consents"))
    starts, ends, _ = REL_TYPES[data["type"]]
    wanted = [("from", data["start"], starts), ("to", data["end"], ends),
              *(("sources", s, ("Source",)) for s in data["sources"])]
    found = access_of(stores, [uid for _, uid, _ in wanted])
    for field, ref, labels in wanted:
        access = found.get(ref)
        if access is None or not may_see(user, access):
            raise Invalid(field, N_("no record with uid %(uid)s", uid=repr(ref)))
        if access.label not in labels:
            raise Invalid(field, N_("%(uid)s is a %(kind)s, expected %(expected)s", uid=repr(ref),
                                    kind=Kind(access.label), expected=" or ".join(labels)))
    for field, ref, _ in wanted[:2]:  # both ends; a cited source need only be visible
        if not may_link(user, found[ref]):
            raise Forbidden(field, refusal(found[ref]))
    row = rel_row(data)

    def tx_fn(tx):
        queries.run_in(tx, "load/merge_relationships", rows=[row])
        audit.append_in(tx, user.email, "relationship.create", data["start"], type=data["type"],
                        to=data["end"], key=data["key"], sources=data["sources"])

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(tx_fn)
    _republish(stores, [data["start"], data["end"]], user, f"{data['type']} created")
    return {"type": data["type"], "from": data["start"], "to": data["end"], "key": data["key"],
            "sources": data["sources"], "props": _plain(data["props"])}


#: Longest reason a deletion takes.
REASON_MAX = 2000


def delete_record(stores: Stores, user: User, uid: str, reason: Any) -> dict:
    """Soft-delete a record the editor may change, with a reason (audited). The record stays
    in the vault, labelled ``Deleted``: vault reads answer as if it did not exist, and the
    consent policy never publishes it (rule 9); it is taken out of the public graph before
    this returns. Consents are withdrawn, not deleted."""
    access = require_writable(stores, user, uid, "record")
    if access.label not in MODELS:
        raise Invalid("record", N_("a %(kind)s is not deleted here", kind=Kind(access.label)))
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid("reason", N_("say why the record is deleted"))
    if len(reason) > REASON_MAX:
        raise Invalid("reason", N_("at most %(count)s characters", count=REASON_MAX))

    def tx_fn(tx):
        done = queries.run_in(tx, "vault/set_record_deleted", uid=uid, by=user.email,
                              on=date.today(), reason=reason.strip())
        if done:
            audit.append_in(tx, user.email, "record.delete", uid, type=access.label,
                            reason=reason.strip())
        return bool(done)

    with stores.vault.session(database=stores.database("vault")) as session:
        if not session.execute_write(tx_fn):
            raise NotVisible(uid)
    _republish(stores, [uid], user, f"{access.label} deleted")
    return {"uid": uid, "type": access.label, "deleted": True}


def undelete_record(stores: Stores, user: User, uid: str) -> dict:
    """Bring back a record its organisation's editor deleted (audited); it is decided and
    published again like any other."""
    rows = queries.run(stores.vault, "vault/match_deleted_record",
                       database=stores.database("vault"), uid=uid)
    if not rows:
        raise NotVisible(uid)
    row = rows[0]
    label = next((lbl for lbl in row["labels"] if lbl in MODELS), None)
    access = Access.from_row(uid, row["labels"], label, row["owner"])
    if label is None or not may_write(user, access):
        raise NotVisible(uid)  # a deleted record of another organisation is not there

    def tx_fn(tx):
        queries.run_in(tx, "vault/remove_record_deleted", uid=uid)
        audit.append_in(tx, user.email, "record.undelete", uid, type=label)

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(tx_fn)
    _republish(stores, [uid], user, f"{label} undeleted")
    return written_record(stores, uid)


def delete_relationship(stores: Stores, user: User, body: Any) -> dict:
    """Remove a relationship named by ``type``, ``from``, ``to`` and ``key`` (empty unless
    two of a type join the same ends), then republish both ends. As for creating one, the
    caller's organisation must own both ends (or they are shared reference data): an
    unlink changes what becomes public about each. A relationship that is not there is
    :class:`NotVisible`; nothing is written then."""
    if not isinstance(body, dict):
        raise Invalid("type", N_("send a JSON object naming the relationship: type, from, to, "
                                 "key"))
    rel_type = body.get("type")
    rel = MODEL.relationships.get(rel_type) if isinstance(rel_type, str) else None
    if rel is None or rel.private or not rel.editable or rel_type == "GAVE":
        raise Invalid("type", N_("a relationship type that editors change "
                                 "(graph/model/relationships.yml)"))
    ends = {}
    for field in ("from", "to"):
        ref = body.get(field)
        if not isinstance(ref, str) or not ref.strip():
            raise Invalid(field, N_("the uid of a record is required"))
        if len(ref) > UID_MAX:
            raise Invalid(field, N_("a uid is at most %(count)s characters", count=UID_MAX))
        ends[field] = ref.strip()
    key = body.get("key") or ""
    if not isinstance(key, str) or len(key) > UID_MAX:
        raise Invalid("key", N_("a text of at most %(count)s characters (empty unless two "
                                "relationships of a type join the same ends)", count=UID_MAX))
    found = access_of(stores, ends.values())
    for field, ref in ends.items():
        access = found.get(ref)
        if access is None or not may_see(user, access):
            raise Invalid(field, N_("no record with uid %(uid)s", uid=repr(ref)))
    for field, ref in ends.items():
        if not may_link(user, found[ref]):
            raise Forbidden(field, refusal(found[ref]))

    def tx_fn(tx):
        deleted = queries.run_in(tx, "vault/delete_relationship", type=rel_type,
                                 key=key, **{"from": ends["from"], "to": ends["to"]})
        if not deleted or not deleted[0]["deleted"]:
            return 0
        audit.append_in(tx, user.email, "relationship.delete", ends["from"], type=rel_type,
                        to=ends["to"], key=key)
        return deleted[0]["deleted"]

    with stores.vault.session(database=stores.database("vault")) as session:
        deleted = session.execute_write(tx_fn)
    if not deleted:
        raise NotVisible(f"{ends['from']} -[{rel_type}]-> {ends['to']}")
    _republish(stores, [ends["from"], ends["to"]], user, f"{rel_type} removed")
    return {"type": rel_type, "from": ends["from"], "to": ends["to"], "key": key,
            "deleted": deleted}
