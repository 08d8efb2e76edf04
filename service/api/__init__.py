"""The JSON API under /api/v1 (Flask-Smorest): one blueprint per resource.

OpenAPI 3 is served at /api/v1/openapi.json and an interactive page at
/api/v1/docs, whose assets are vendored under service/static/vendor.
Errors have one JSON shape: ``{"code", "status", "message", "errors"?}``.
"""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from service.api import (
    audit,
    auth,
    consent,
    cypher,
    document_text,
    documents,
    downloads,
    entities,
    errors,
    find,
    graphs,
    json_guard,
    maps,
    merged,
    records,
    search,
    stats,
    users,
    vocabularies,
)
from service.auth import BEARER_AUTH, BEARER_SCHEME

#: Every resource's blueprint, in the order the OpenAPI document lists them. Listed, not
#: discovered: a module renamed or removed fails here, at import, instead of leaving the API.
BLUEPRINTS = (vocabularies, search, find, entities, document_text, stats, maps, graphs, downloads,
              cypher, auth, users, records, documents, consent, merged, audit)


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
    api.spec.components.security_scheme(BEARER_AUTH, BEARER_SCHEME)
    errors.register(app)
    json_guard.register(app)
    for module in BLUEPRINTS:
        api.register_blueprint(module.blp)
    return api
