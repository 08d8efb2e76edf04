"""The JSON API under /api/v1 (Flask-Smorest): one blueprint per resource.

OpenAPI 3 is served at /api/v1/openapi.json and an interactive page at
/api/v1/docs, whose assets are vendored under service/static/vendor.
Errors have one JSON shape: ``{"code", "status", "message", "errors"?}``.
"""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from service.api import errors, json_guard


def init_api(app: Flask) -> Api:
    app.config.update(
        API_TITLE="Footprints Graph API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/static/vendor/swagger-ui/",
        # No call to the public swagger validator: pages load nothing from third parties.
        OPENAPI_SWAGGER_UI_CONFIG={"validatorUrl": None},
        API_SPEC_OPTIONS={
            "info": {"description": "Published data only, unless a vault endpoint says otherwise. "
                                    "All demo data is synthetic."},
        },
    )
    api = Api(app)
    errors.register(app)
    json_guard.register(app)
    from service.api import vocabularies

    api.register_blueprint(vocabularies.blp)
    for module in _optional_blueprints():
        api.register_blueprint(module.blp)
    return api


def _optional_blueprints():
    """Blueprints are listed here as resources are added."""
    import importlib

    names = [
        "search", "entities", "stats", "maps", "graphs", "downloads", "cypher",
        "auth", "users", "records", "consent", "merged", "audit",
    ]
    out = []
    for name in names:
        try:
            out.append(importlib.import_module(f"service.api.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"service.api.{name}":
                raise
    return out
