"""An admin's pages: the accounts of their own organisation (invite, change the role,
disable, reset the second factor) and researchers' requests for console access.

An admin sees and changes the accounts of their own organisation only: another
organisation's account answers 404, as if it did not exist. An admin never sets a
password: a new account comes with a one-time invitation link that the admin passes
on and its holder redeems. Every change is audited (by ``service.vault.accounts``,
``service.vault.access`` and ``service.workspace.twofactor``).
"""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from service.stores import vault
from service.vault import access, accounts
from service.vault.accounts import AccountError
from service.workspace import twofactor
from service.workspace.blueprint import blp
from service.workspace.guard import require, user


def _org() -> str:
    me = user()
    if not me.organization:
        abort(403, description=_("You belong to no organisation, so you manage no accounts."))
    return me.organization


def _account(uid: str) -> dict:
    stores = vault()
    found = accounts.find_user(stores.vault, stores.database("vault"), uid=uid)
    if found is None or found["organization"] != _org():
        abort(404)
    return found


def _link(invitation: accounts.Invitation) -> str:
    return url_for("workspace.invitation", code=invitation.secret, _external=True)


def _page(status: int = 200, **extra):
    stores = vault()
    db = stores.database("vault")
    people = accounts.list_users(stores.vault, db, _org())
    for person in people:
        person["two_factor"] = twofactor.enrolled(stores.vault, db, person["uid"])
    return render_template("workspace/admin_users.html", people=people, roles=accounts.ROLES,
                           requests=access.list_requests(stores.vault, db),
                           organization=_org(), **extra), status


@blp.route("/workspace/admin/users")
@require("admin")
def admin_users():
    return _page()


@blp.route("/workspace/admin/users", methods=["POST"])
@require("admin")
def invite():
    stores = vault()
    form = request.form
    try:
        person, invitation = accounts.invite_user(
            stores.vault, stores.database("vault"), form.get("email", "")[:320],
            form.get("role", ""), _org(), (form.get("name") or "").strip()[:500] or None,
            actor=user().email)
    except AccountError as exc:
        return _page(422, error=exc, form=form)
    return _page(201, invited={"email": person["email"], "link": _link(invitation),
                               "expires_at": invitation.expires_at})


@blp.route("/workspace/admin/users/<string:uid>/role", methods=["POST"])
@require("admin")
def change_role(uid: str):
    person = _account(uid)
    stores = vault()
    try:
        accounts.set_role(stores.vault, stores.database("vault"), person["uid"],
                          request.form.get("role", ""), _org(), actor=user().email)
    except AccountError as exc:
        return _page(422, error=exc)
    return _page(done=("role", person["email"]))


@blp.route("/workspace/admin/users/<string:uid>/disable", methods=["POST"])
@require("admin")
def disable(uid: str):
    person = _account(uid)
    if person["uid"] == user().uid:
        return _page(422, error=AccountError("account", _("you cannot disable your own account")))
    stores = vault()
    accounts.revoke_user(stores.vault, stores.database("vault"), person["uid"],
                         actor=user().email)
    return _page(done=("disabled", person["email"]))


@blp.route("/workspace/admin/users/<string:uid>/reset-two-factor", methods=["POST"])
@require("admin")
def reset_two_factor(uid: str):
    person = _account(uid)
    stores = vault()
    twofactor.reset(stores.vault, stores.database("vault"), person["uid"], actor=user().email)
    return _page(done=("two_factor", person["email"]))


@blp.route("/workspace/admin/users/<string:uid>/invitation", methods=["POST"])
@require("admin")
def reinvite(uid: str):
    person = _account(uid)
    stores = vault()
    try:
        invitation = accounts.reissue_invitation(stores.vault, stores.database("vault"),
                                                 person["uid"], actor=user().email)
    except AccountError as exc:
        return _page(422, error=exc)
    return _page(invited={"email": person["email"], "link": _link(invitation),
                          "expires_at": invitation.expires_at})


@blp.route("/workspace/admin/requests/<string:uid>", methods=["POST"])
@require("admin")
def decide_request(uid: str):
    stores = vault()
    db = stores.database("vault")
    try:
        if request.form.get("decision") == "approve":
            approval = access.approve(stores.vault, db, uid, user())
            return _page(201, invited={"email": approval.user["email"],
                                       "link": _link(approval.invitation),
                                       "expires_at": approval.invitation.expires_at})
        if request.form.get("decision") == "decline":
            access.decline(stores.vault, db, uid, user(), request.form.get("reason", ""))
            return _page(done=("declined", uid))
    except AccountError as exc:
        return _page(422, error=exc)
    abort(400, description=_("The decision must be approve or decline."))
