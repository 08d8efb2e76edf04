"""A signed-in user's own account: who they are, their second factor, their API tokens.

Researchers make and revoke their own console tokens here (a token's secret is shown
once, when it is made); the console page itself uses the signed-in session and needs
no token. Turning the second factor off is for roles that do not require it, and asks
for a current code first.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from graph import audit
from service.auth import granted
from service.stores import vault
from service.vault import accounts
from service.workspace import sessions, twofactor
from service.workspace.blueprint import blp
from service.workspace.guard import require, user


def _page(status: int = 200, **extra):
    stores = vault()
    db = stores.database("vault")
    me = user()
    return render_template(
        "workspace/account.html", me=me, grants=sorted(granted(me.role)),
        enrolled=twofactor.enrolled(stores.vault, db, me.uid),
        required=twofactor.required(me.role),
        tokens=accounts.list_tokens(stores.vault, db, me.uid), **extra), status


@blp.route("/account")
@require()
def account():
    return _page()


@blp.route("/account/tokens", methods=["POST"])
@require("researcher")
def make_token():
    label = " ".join(request.form.get("label", "").split())[:200] or _("console")
    stores = vault()
    me = user()
    token = accounts.issue_token(stores.vault, stores.database("vault"), me.uid, label,
                                 actor=me.email)
    return _page(201, new_token=token)


@blp.route("/account/tokens/<string:token_uid>/revoke", methods=["POST"])
@require()
def revoke_token(token_uid: str):
    stores = vault()
    db = stores.database("vault")
    me = user()
    if token_uid not in {t["uid"] for t in accounts.list_tokens(stores.vault, db, me.uid)}:
        abort(404)  # another person's token is none of this user's business
    accounts.revoke_token(stores.vault, db, token_uid, actor=me.email)
    return redirect(url_for("workspace.account"))


@blp.route("/account/two-factor/off", methods=["POST"])
@require()
def two_factor_off():
    stores = vault()
    db = stores.database("vault")
    me = user()
    if twofactor.required(me.role):
        abort(403, description=_("Your role requires a second factor: it cannot be turned off "
                                 "(an admin can reset it if you lost your phone)."))
    verdict = twofactor.verify(stores.vault, db, me.uid, request.form.get("code", ""))
    if not verdict.ok:
        audit.append(stores.vault, me.email, "twofactor.disable_failed", me.uid, database=db)
        return _page(422, error=_("That code is not right, or was used already."))
    twofactor.reset(stores.vault, db, me.uid, actor=me.email)
    response = redirect(url_for("workspace.sign_in", message="two-factor-off"))
    return sessions.clear_cookie(response)
