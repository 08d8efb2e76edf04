"""The Flask app factory.

Public-facing blueprints get the public graph's driver only; the vault's
driver is opened for the vault blueprints and the health check.
"""

from __future__ import annotations

from flask import Flask, jsonify

from graph.connections import Stores
from graph.settings import Settings
from service.public.cache import PublicCache


def create_app(settings: Settings | None = None) -> Flask:
    settings = (settings or Settings.from_env()).check()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["SECRET_KEY"] = settings.secret_key or _secret_key(settings)
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    stores = Stores(settings)
    app.extensions["footprints.stores"] = stores
    app.extensions["footprints.public_cache"] = PublicCache(settings.cache_size)

    from service import health
    from service.api import init_api

    app.register_blueprint(health.blp)
    init_api(app)
    _register_pages(app)
    return app


def _register_pages(app: Flask) -> None:
    """The public explorer's pages, once they exist (service/pages)."""
    try:
        from service.pages import init_pages
    except ModuleNotFoundError as exc:
        if exc.name not in ("service.pages",):
            raise
        return
    init_pages(app)


def _secret_key(settings: Settings) -> str:
    """A generated key kept in var/ (ignored), so sessions survive restarts."""
    import secrets

    path = settings.var_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def stores() -> Stores:
    from flask import current_app

    return current_app.extensions["footprints.stores"]


__all__ = ["create_app", "jsonify", "stores"]
