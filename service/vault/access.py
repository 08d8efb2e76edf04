"""Researchers' requests for console access: made by anyone from the researchers' page,
decided by an admin.

A request holds what its author typed (name, e-mail, affiliation, purpose) and nothing
else; it is vault data, seen by admins only. Approving makes a researcher account in the
approving admin's organisation (which thereby vouches for the researcher) with a
one-time invitation the admin passes on; the researcher sets their own password with it
and then makes their own console tokens. Every decision is audited.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from neo4j import Driver

from graph import audit, queries
from graph.messages import N_
from service.vault import accounts
from service.vault.accounts import AccountError

#: The longest text of each field of a request.
LIMITS = {"name": 200, "email": 320, "affiliation": 300, "purpose": 2000}


@dataclass(frozen=True)
class Approval:
    user: dict
    invitation: accounts.Invitation


def _clean(form: dict) -> dict:
    out = {}
    for field, limit in LIMITS.items():
        value = " ".join(str(form.get(field) or "").split()) if field != "purpose" else \
            str(form.get(field) or "").strip()
        if not value:
            raise AccountError(field, N_("is required"))
        if len(value) > limit:
            raise AccountError(field, N_("is longer than %(count)s characters", count=limit))
        out[field] = value
    out["email"] = accounts.normalize_email(out["email"])
    if not accounts.EMAIL.match(out["email"]):
        raise AccountError("email", N_("is not an e-mail address"))
    return out


def request_access(driver: Driver, database: str, form: dict) -> str:
    """Record a request; the uid of the (new or already pending) request for the address.
    A second request from an address with one pending is not a new one."""
    data = _clean(form)
    pending = queries.run(driver, "access/match_pending_request", database=database, uid=None,
                          email=data["email"])
    if pending:
        return pending[0]["request"]["uid"]
    uid = f"req-{secrets.token_hex(8)}"

    def tx_fn(tx):
        queries.run_in(tx, "access/create_access_request", uid=uid, display_name=data["name"],
                       email=data["email"], affiliation=data["affiliation"],
                       purpose=data["purpose"])
        audit.append_in(tx, "anonymous", "access.request", uid)

    with driver.session(database=database) as session:
        session.execute_write(tx_fn)
    return uid


def list_requests(driver: Driver, database: str, status: str | None = "pending",
                  limit: int = 200) -> list[dict]:
    out = []
    for row in queries.run(driver, "access/list_access_requests", database=database,
                           status=status, limit=limit):
        item = dict(row["request"])
        for key in ("created_at", "decided_at"):
            if item.get(key) is not None:
                item[key] = item[key].iso_format()
        out.append(item)
    return out


def _pending(driver: Driver, database: str, uid: str) -> dict:
    rows = queries.run(driver, "access/match_pending_request", database=database, uid=uid,
                       email=None)
    if not rows:
        raise AccountError("request", N_("no pending request with that uid"))
    return rows[0]["request"]


def approve(driver: Driver, database: str, uid: str, admin: accounts.User) -> Approval:
    """A researcher account for the request, in the admin's organisation, with its
    invitation (the admin passes it on; it is never stored)."""
    request = _pending(driver, database, uid)
    user, invitation = accounts.invite_user(driver, database, request["email"], "researcher",
                                            admin.organization, request["name"],
                                            actor=admin.email)

    def tx_fn(tx):
        queries.run_in(tx, "access/decide_access_request", uid=uid, status="approved",
                       actor=admin.email, organization=admin.organization, user=user["uid"],
                       reason=None)
        audit.append_in(tx, admin.email, "access.approve", uid, user=user["uid"])

    with driver.session(database=database) as session:
        session.execute_write(tx_fn)
    return Approval(user, invitation)


def decline(driver: Driver, database: str, uid: str, admin: accounts.User, reason: str) -> None:
    _pending(driver, database, uid)
    reason = " ".join((reason or "").split())[:500]
    if not reason:
        raise AccountError("reason", N_("say why the request is declined"))

    def tx_fn(tx):
        queries.run_in(tx, "access/decide_access_request", uid=uid, status="declined",
                       actor=admin.email, organization=admin.organization, user=None,
                       reason=reason)
        audit.append_in(tx, admin.email, "access.decline", uid, reason=reason)

    with driver.session(database=database) as session:
        session.execute_write(tx_fn)
