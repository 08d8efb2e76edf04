"""The one blueprint of the explorer's pages, with what every page shares: the language,
the template helpers and an HTML error page (the security headers are the app's, for
every response: service/pages/security.py).

Templates say interface text with gettext (``_``, ``ngettext``, ``pgettext``: Flask-Babel's
Jinja extension, service/pages/lang.py) and the model's words with the helpers below
(``field_label``, ``kind_label``, ``rel_label``, ``vocab``), which read graph/model."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from graph.model import MODEL
from graph.vocabularies import label as vocab_label
from service.pages import lang as language
from service.pages import present

blp = Blueprint("pages", __name__)


@blp.before_request
def choose_language() -> None:
    g.lang = language.choose(request)


@blp.after_request
def finish(response: Response) -> Response:
    language.remember(request, response)
    return response


@blp.app_template_global("field_label")
def field_label(name: str) -> str:
    """A field's label, from the model."""
    return MODEL.field_label(name, present.lang())


@blp.app_template_global("rel_label")
def relationship_label(rel_type: str, direction: str | None = None) -> str:
    """A relationship type's label (or, with ``direction``, its ``out``/``in`` label), from
    the model."""
    return MODEL.relationship_label(rel_type, present.lang(), direction)


@blp.app_template_global("vocab")
def vocabulary_label(vocabulary: str, key: str | None) -> str:
    return vocab_label(vocabulary, key, present.lang()) if key else ""


@blp.app_context_processor
def page_globals() -> dict:
    lang = present.lang()
    return {"lang": lang, "other_langs": language.switch_links(request, lang,
                                                                echo=not g.get("no_echo"))}


blp.add_app_template_global(present.profile_url, "profile_url")
blp.add_app_template_global(present.kind_label, "kind_label")
blp.add_app_template_filter(present.date_html, "date")
blp.add_app_template_filter(present.timestamp_html, "timestamp")


@blp.app_errorhandler(404)
def not_found(exc):
    """HTML for a page that is not there (the API keeps its JSON errors). The requested
    path is not echoed: a uid that is not public must not come back in the page."""
    if not present.is_page_path(request.path):
        return _api_handler(exc)
    g.lang = g.get("lang") or language.choose(request)
    g.no_echo = True
    return Response(render_template("error.html", status=404), status=404)


def _api_handler(exc):
    """The app's own handler for HTTP errors (service/api/errors.py: one JSON shape)."""
    handler = current_app.error_handler_spec.get(None, {}).get(None, {}).get(HTTPException)
    return handler(exc) if handler else exc
