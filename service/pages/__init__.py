"""The public explorer: server-rendered pages over the public graph, in English and Korean.

Views are thin: each calls the service functions of ``service.public`` (never
a query of its own, never the vault), hands the results to a pure function of
``visualizations`` where a chart, a map or a network is drawn, and renders a
Jinja template under ``service/templates``. Every page gets the visitor's
language (``service.pages.lang``: the gettext catalogues of the interface, through
Flask-Babel) and a strict Content-Security-Policy
(``service.pages.security``): scripts come only from ``/static/js`` and
``/static/vendor``, and nothing is loaded from another origin.
"""

from __future__ import annotations

from flask import Flask


def init_pages(app: Flask) -> None:
    """Register the explorer's blueprint (called by the app factory)."""
    from service.pages import (  # noqa: F401  (the modules register their routes)
        about,
        browse,
        dashboard,
        documents,
        explorer,
        mapview,
        profiles,
        researchers,
        search,
    )
    from service.pages.blueprint import blp
    from service.pages.lang import init_babel

    init_babel(app)
    app.register_blueprint(blp)
