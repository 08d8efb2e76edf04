"""Every workspace route, enumerated from the app itself, for every role: nothing of the
workspace is served without a session, writes need the session's CSRF token, and each
page answers only the roles it is for. A new route fails here until it is listed in
``OPEN`` (the few pages for people not signed in) or given its roles in ``ROLES``."""

from __future__ import annotations

import re

import pytest

from tests.support.leaks import leaks
from tests.support.workspace import signed_in

#: Workspace routes for people who are not signed in (yet).
OPEN = {"/sign-in", "/sign-in/code", "/account/two-factor", "/invitation", "/sign-out",
        "/researchers/request-access", "/workspace/session"}
#: The roles (any one, through the grants) each signed-in route admits; None: any signed-in
#: user.
ROLES = {
    "/workspace": None,
    "/account": None,
    "/account/tokens": "researcher",
    "/account/tokens/<string:token_uid>/revoke": None,
    "/account/two-factor/off": None,
    "/workspace/admin/users": "admin",
    "/workspace/admin/users/<string:uid>/role": "admin",
    "/workspace/admin/users/<string:uid>/disable": "admin",
    "/workspace/admin/users/<string:uid>/reset-two-factor": "admin",
    "/workspace/admin/users/<string:uid>/invitation": "admin",
    "/workspace/admin/requests/<string:uid>": "admin",
    "/workspace/console": "researcher",
    "/workspace/console/result.csv": "researcher",
    "/workspace/console/saved": "researcher",
    "/workspace/console/saved/<string:uid>/delete": "researcher",
    "/workspace/edit": "editor",
    "/workspace/edit/open": "editor",
    "/workspace/edit/new/<string:type_name>": "editor",
    "/workspace/edit/<string:uid>": "editor",
    "/workspace/edit/<string:uid>/delete": "editor",
    "/workspace/edit/<string:uid>/undelete": "editor",
    "/workspace/edit/<string:uid>/relationships/new": "editor",
    "/workspace/edit/<string:uid>/consents": "editor",
    "/workspace/edit/<string:uid>/consents/withdraw": "editor",
    "/workspace/edit/<string:uid>/at-risk": "editor",
    "/workspace/edit/<string:uid>/terms": "editor",
    "/workspace/review": "editor",
    "/workspace/review/<string:uid>": "editor",
    "/workspace/review/publish": "editor",
    "/workspace/cases": "lawyer",
    "/workspace/cases/<string:uid>": "lawyer",
    "/workspace/cases/<string:uid>/links": "lawyer",
    "/workspace/cases/<string:uid>/links/remove": "lawyer",
    "/workspace/cases/<string:uid>/dossier": "lawyer",
    "/workspace/cases/<string:uid>/dossier.pdf": "lawyer",
    "/workspace/cases/<string:uid>/dossier.jsonl": "lawyer",
    "/workspace/suggest": "investigator lawyer",
    "/workspace/records": "investigator lawyer",
    "/workspace/records/<string:uid>": "investigator lawyer",
    "/workspace/network": "investigator",
    "/workspace/boards": "investigator",
    "/workspace/boards/<string:uid>": "investigator",
    "/workspace/boards/<string:uid>/pins": "investigator",
    "/workspace/boards/<string:uid>/pins/<string:record>/remove": "investigator",
    "/workspace/boards/<string:uid>/notes": "investigator",
    "/workspace/documents": "investigator lawyer",
    "/workspace/documents/new": "editor",
    "/workspace/documents/<string:uid>": "investigator lawyer",
    "/workspace/documents/<string:uid>/process": "editor",
    "/workspace/documents/<string:uid>/file": "investigator lawyer",
    "/workspace/documents/<string:uid>/public-copy": "investigator lawyer",
    "/workspace/documents/<string:uid>/thumbnail": "investigator lawyer",
    "/workspace/documents/<string:uid>/pages/<string:number>.png": "investigator lawyer",
}
ALL_ROLES = ("researcher", "investigator", "lawyer", "editor", "admin")
#: The second organisation's confidential relative and internal source
#: (tests/service/api/data/vault_orgs.jsonl): never on a page of the first's users.
OTHER_ORG = ("p-2001", "src-orgb", "Cho Hidden-orgb", "조숨김비", "Jo Hidden Orgb")


def workspace_routes(app) -> list[tuple[str, str]]:
    return sorted({(rule.rule, method) for rule in app.url_map.iter_rules()
                   if rule.endpoint.startswith("workspace.")
                   for method in rule.methods - {"HEAD", "OPTIONS"}})


def concrete(rule: str) -> str:
    return re.sub(r"<[^>]+>", "x-0000", rule)


def test_every_route_is_classified(vault_app):
    rules = {rule for rule, _ in workspace_routes(vault_app)}
    assert rules == OPEN | set(ROLES)


def test_nothing_is_served_without_a_session(vault_app, browser):
    anonymous = browser()
    for rule, method in workspace_routes(vault_app):
        if rule in OPEN:
            continue
        path = concrete(rule)
        response = anonymous.get(path) if method == "GET" else anonymous.post(path, {}, csrf=False)
        assert response.status_code == 302, (method, rule)
        assert response.headers["Location"].startswith("/sign-in"), (method, rule)
        assert leaks(response.get_data()) == []


def test_writes_without_the_csrf_token_are_refused(vault_app, browser, users):
    b = signed_in(browser, users["admin"])
    for rule, method in workspace_routes(vault_app):
        if method != "POST" or rule in OPEN:
            continue
        response = b.post(concrete(rule), {}, csrf=False)
        assert response.status_code == 403, rule
        assert "security token" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_page_answers_its_roles_only(vault_app, browser, users, role):
    from service.auth import granted

    b = signed_in(browser, users[role])
    for rule, method in workspace_routes(vault_app):
        if rule in OPEN or method != "GET" or "<" in rule:
            continue
        needed = ROLES[rule]
        response = b.get(concrete(rule))
        allowed = needed is None or bool(set(needed.split()) & granted(role))
        if allowed:  # the page, or (a form's target opened bare) a 4xx saying what is missing
            assert response.status_code in (200, 400, 422), (role, rule, response.status_code)
        else:
            assert response.status_code == 403, (role, rule, response.status_code)
        assert response.headers["Cache-Control"] == "no-store"
        text = response.get_data(as_text=True)
        assert [n for n in OTHER_ORG if n in text] == [], (role, rule)
        if not set(granted(role)) & {"investigator", "lawyer", "editor"}:
            assert leaks(text) == [], (role, rule)  # no vault reader: public people only
