"""The researchers' request for console access: a public form, answered by an admin."""

from __future__ import annotations

from flask import render_template, request

from service.ratelimit import client_ip, rate_limit
from service.stores import vault
from service.vault import access
from service.vault.accounts import AccountError
from service.workspace.blueprint import blp


@blp.route("/researchers/request-access", methods=["GET"])
def request_access():
    return render_template("workspace/request_access.html", form={})


@blp.route("/researchers/request-access", methods=["POST"])
@rate_limit("access_request", client_ip)
def request_access_post():
    stores = vault()
    try:
        access.request_access(stores.vault, stores.database("vault"), request.form)
    except AccountError as exc:
        return render_template("workspace/request_access.html", form=request.form,
                               error=exc), 422
    return render_template("workspace/request_access.html", form={}, sent=True), 201
