"""The one blueprint of the signed-in workspace, with what its pages share: the language,
the session and its CSRF token in every template, ``no-store`` on every answer, and
HTML error pages. Its words are the interface's gettext messages, as on the public pages
(``_``, ``ngettext``: Flask-Babel, service/pages/lang.py).

Nothing of the vault may stay in a cache: not the browser's, not a proxy's, and not
the public cache (which only the public API's views fill). Every answer of this
blueprint says ``Cache-Control: no-store``.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request
from flask_babel import format_number
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from service import uploads
from service.api.errors import error_body, range_headers
from service.pages import lang as language
from service.workspace import menu, roles, sessions

blp = Blueprint("workspace", __name__)
#: Endpoints that answer JSON (name suggestions): their errors too, in the API's shape.
JSON_ENDPOINTS: set[str] = set()
blp.add_app_template_global(sessions.csrf_token, "csrf_token")
blp.add_app_template_global(sessions.current, "workspace_session")
blp.add_app_template_global(menu.links, "workspace_links")
blp.add_app_template_global(roles.role_label, "role_label")


@blp.before_request
def choose_language() -> None:
    g.lang = language.choose(request)


@blp.after_request
def finish(response: Response) -> Response:
    language.remember(request, response)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


@blp.errorhandler(HTTPException)
def error_page(exc: HTTPException):
    """An HTML page for the workspace's errors, saying what was wrong (never echoing the
    path: it may carry a uid the user may not see)."""
    g.lang = g.get("lang") or language.choose(request)
    if request.endpoint in JSON_ENDPOINTS:
        return error_body(exc.code or 500, exc.name, exc.description or exc.name)
    reason = exc.description if exc.code in (400, 403, 409, 422) else None
    if exc.code == 413:  # the body was not read: say the limit, not what was in it
        limit = uploads.max_upload() if request.endpoint in uploads.ENDPOINTS \
            else request.max_content_length
        reason = _("What you sent is larger than the limit of %(size)s bytes.",
                   size=format_number(limit or 0))
    return Response(render_template("workspace/error.html", status=exc.code, reason=reason),
                    status=exc.code, headers=range_headers(exc))
