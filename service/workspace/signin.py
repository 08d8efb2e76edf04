"""Signing in and out of the workspace, the second factor, and redeeming an invitation.

Sign-in is two steps when a second factor is set (password, then a code) and three the
first time for an editor or admin, who must set one up before the workspace opens. Each
step is a new session with a new secret (``service.workspace.sessions``): the session id
changes at every step. The sign-in form itself carries a token tied to a cookie of its
own (double submit), so another site cannot sign a visitor in to an account of its
choosing. Every attempt, failure and second-factor change is audited; attempts are
rate-limited per address and e-mail, per address, and per account for codes.
"""

from __future__ import annotations

import hmac
import secrets

from flask import abort, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from graph import audit
from graph.messages import localized
from service.ratelimit import client_ip, rate_limit
from service.stores import vault
from service.vault import accounts
from service.workspace import sessions, twofactor
from service.workspace.blueprint import JSON_ENDPOINTS, blp
from service.workspace.guard import require

FORM_COOKIE = "fp_form"


def _form_key() -> str:
    """Per client address and e-mail address typed into the form."""
    email = accounts.normalize_email(request.form.get("email", ""))[:320]
    return f"{client_ip()}|{email}"


def _session_key() -> str:
    session = sessions.current()
    return f"user:{session.user.uid}" if session is not None else f"ip:{client_ip()}"


def _form_token() -> str:
    return request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)


def _check_form_token() -> None:
    cookie = request.cookies.get(FORM_COOKIE, "")
    sent = request.form.get("form_token", "")
    if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
        abort(403, description=_("The sign-in form is out of date: reload the page and sign "
                                 "in again."))


def _render_sign_in(status: int = 200, error: str | None = None, email: str = ""):
    token = _form_token()
    response = make_response(render_template(
        "workspace/sign_in.html", error=error, email=email, form_token=token,
        next=sessions.safe_next(request.values.get("next")),
        message=request.args.get("message")), status)
    response.set_cookie(FORM_COOKIE, token, path="/", httponly=True, samesite="Strict",
                        secure=sessions.secure_cookies())
    return response


def _home(next_path: str | None = None) -> str:
    return sessions.safe_next(next_path) or url_for("workspace.home")


def _switch(stage: str, user_uid: str, target: str, pending_totp: str | None = None,
            response=None):
    """End this browser's session (if any) and start a new one at ``stage``."""
    old = sessions.current()
    if old is not None:
        sessions.end(old.uid)
    _, secret = sessions.start(user_uid, stage, pending_totp)
    response = response if response is not None else redirect(target)
    return sessions.set_cookie(response, secret)


@blp.route("/sign-in", methods=["GET"])
def sign_in():
    session = sessions.current()
    if session is not None and session.full:
        return redirect(_home(request.args.get("next")))
    return _render_sign_in()


@blp.route("/sign-in", methods=["POST"])
@rate_limit("login_address", client_ip)
@rate_limit("login", _form_key)
def sign_in_post():
    _check_form_token()
    email = request.form.get("email", "")[:320]
    password = request.form.get("password", "")[:1024]
    stores = vault()
    db = stores.database("vault")
    user = accounts.verify_login(stores.vault, db, email, password)
    if user is None:
        return _render_sign_in(401, _("Wrong e-mail address or password."), email)
    next_path = request.form.get("next")
    if twofactor.enrolled(stores.vault, db, user.uid):
        return _switch("password", user.uid,
                       url_for("workspace.second_factor", next=sessions.safe_next(next_path)))
    if twofactor.required(user.role):
        return _switch("enrol", user.uid, url_for("workspace.enrol"),
                       pending_totp=twofactor.new_secret())
    return _switch("full", user.uid, _home(next_path))


@blp.route("/sign-in/code", methods=["GET"])
def second_factor():
    session = sessions.current()
    if session is None or session.stage != "password":
        return redirect(url_for("workspace.sign_in"))
    return render_template("workspace/second_factor.html",
                           next=sessions.safe_next(request.args.get("next")))


@blp.route("/sign-in/code", methods=["POST"])
@rate_limit("second_factor", _session_key)
def second_factor_post():
    session = sessions.current()
    if session is None or session.stage != "password":
        return redirect(url_for("workspace.sign_in"))
    next_path = sessions.safe_next(request.form.get("next"))
    sessions.check_csrf()
    stores = vault()
    db = stores.database("vault")
    verdict = twofactor.verify(stores.vault, db, session.user.uid, request.form.get("code", ""))
    if not verdict.ok:
        audit.append(stores.vault, session.user.email, "auth.second_factor_failed",
                     session.user.uid, database=db)
        return render_template("workspace/second_factor.html", next=next_path,
                               error=_("That code is not right, or was used already.")), 401
    audit.append(stores.vault, session.user.email, "auth.second_factor", session.user.uid,
                 database=db, how=verdict.how, recovery_codes_left=verdict.recovery_left)
    return _switch("full", session.user.uid, _home(next_path))


@blp.route("/account/two-factor", methods=["GET", "POST"])
def enrol():
    """Set up a second factor: at the first sign-in of an editor or admin (stage
    ``enrol``), or from the account page of anyone signed in."""
    session = sessions.current()
    if session is None or session.stage not in ("enrol", "full"):
        return redirect(url_for("workspace.sign_in", next=url_for("workspace.enrol")))
    stores = vault()
    db = stores.database("vault")
    if session.full and twofactor.enrolled(stores.vault, db, session.user.uid):
        return redirect(url_for("workspace.account"))
    secret = session.pending_totp
    if secret is None:
        secret = twofactor.new_secret()
        sessions.set_pending_totp(session.uid, secret)
    uri = twofactor.provisioning_uri(secret, session.user.email)
    page = {"secret": secret, "qr": twofactor.qr_svg(uri), "required": not session.full}
    if request.method == "GET":
        return render_template("workspace/enrol.html", **page)
    sessions.check_csrf()
    step = twofactor.check_code(secret, request.form.get("code", ""))
    if step is None:
        audit.append(stores.vault, session.user.email, "twofactor.enrol_failed",
                     session.user.uid, database=db)
        return render_template("workspace/enrol.html", **page,
                               error=_("That code is not right: check the phone's clock "
                                       "and type the code it shows now.")), 422
    codes = twofactor.enable(stores.vault, db, session.user.uid, secret, step,
                             actor=session.user.email)
    response = make_response(render_template("workspace/recovery_codes.html", codes=codes))
    # A new session either way: the second factor changed what this sign-in is worth.
    return _switch("full", session.user.uid, "", response=response)


@blp.route("/sign-out", methods=["POST"])
def sign_out():
    session = sessions.current()
    if session is not None:
        sessions.check_csrf()
        sessions.end(session.uid)
        stores = vault()
        audit.append(stores.vault, session.user.email, "auth.logout", session.user.uid,
                     database=stores.database("vault"))
    response = redirect(url_for("workspace.sign_in", message="signed-out"))
    return sessions.clear_cookie(response)


@blp.route("/invitation", methods=["GET", "POST"])
@rate_limit("login", client_ip)
def invitation():
    """Redeem an invitation: the invited person sets their own password."""
    code = request.values.get("code", "")[:200]
    if request.method == "GET":
        return render_template("workspace/invitation.html", code=code)
    password = request.form.get("password", "")[:1024]
    if password != request.form.get("password_again", "")[:1024]:
        return render_template("workspace/invitation.html", code=code,
                               error=_("The two passwords differ.")), 422
    stores = vault()
    try:
        accounts.accept_invitation(stores.vault, stores.database("vault"), code, password)
    except accounts.AccountError as exc:
        return render_template("workspace/invitation.html", code=code,
                               error=_("The %(field)s is %(reason)s.", field=exc.field,
                                       reason=localized(exc.reason))
                               if exc.field == "invitation" else exc.reason), 422
    return redirect(url_for("workspace.sign_in", message="password-set"))


@blp.route("/workspace")
@require()
def home():
    return render_template("workspace/home.html")


JSON_ENDPOINTS.add("workspace.session_state")


@blp.route("/workspace/session")
def session_state():
    """Whether this browser is signed in, and the session's CSRF token for the site's own
    scripts (the public console) to call the API with. Another site's page cannot read it:
    the answer is same-origin only (no CORS), and the cookie is ``SameSite=Strict``."""
    session = sessions.current()
    if session is None or not session.full:
        return jsonify({"signed_in": False, "csrf": None, "email": None, "role": None})
    return jsonify({"signed_in": True, "csrf": session.csrf, "email": session.user.email,
                    "role": session.user.role})
