"""The Flask app factory.

Public-facing blueprints get the public graph's driver only; the vault's
driver is opened for the vault blueprints and the health check.
"""

from __future__ import annotations

import gc

from flask import Flask

from graph.connections import Stores
from graph.settings import Settings
from service.public.cache import PublicCache
from service.shared import claims_for

#: New container objects between two passes of Python's youngest-generation cycle
#: collector (700 by default). Building a neighbourhood answer set it off several times a
#: request, each pass walking the answer under construction, and some were full passes
#: over the whole process (docs/performance.md has the counts).
YOUNG_COLLECTION_EVERY = 10_000


def create_app(settings: Settings | None = None, stores: Stores | None = None) -> Flask:
    """The app, on ``stores`` if given (they stay the caller's to close), else on stores of
    its own made from ``settings`` (one per process: the app serves until the process ends)."""
    settings = (settings or (stores.settings if stores else Settings.from_env())).check()
    _space_out_collections()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["SECRET_KEY"] = settings.secret_key or _secret_key(settings)
    app.json.ensure_ascii = False
    if settings.proxies:
        # Behind a reverse proxy every request comes from the proxy: the client's address
        # (rate limits are counted per address) and scheme are in the headers it adds.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies)
    app.extensions["footprints.stores"] = stores = stores or Stores(settings)
    # The data key, checked against the vault's canary before anything is served: a wrong
    # or missing key stops the app here, never shows an empty field later.
    stores.unlock()
    app.extensions["footprints.public_cache"] = PublicCache(settings.cache_size)
    # What several processes must agree on (the console's one query per account, the
    # documents worker's lease); the public cache stays per process (keyed by revision).
    app.extensions["footprints.claims"] = claims_for(settings.redis_url)

    from service import health, ratelimit, uploads
    from service.api import init_api
    from service.pages import init_pages, security
    from service.workspace import init_workspace

    app.after_request(security.add_headers)
    ratelimit.init_app(app, settings.ratelimit_storage, dict(settings.ratelimits))
    uploads.init_app(app)  # the upload endpoints' own body limit (the API's is 1 MB)
    app.register_blueprint(health.blp)
    init_api(app)
    init_pages(app)
    init_workspace(app)
    return app


def _space_out_collections() -> None:
    young, *older = gc.get_threshold()
    if 0 < young < YOUNG_COLLECTION_EVERY:  # 0: collection is off; leave it so
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *older)


def _secret_key(settings: Settings) -> str:
    """A generated key kept in var/ (ignored), so sessions survive restarts."""
    import secrets

    path = settings.var_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()

