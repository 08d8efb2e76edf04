"""The signed-in workspace: sign-in with a second factor, accounts, and the pages where
editors, investigators, lawyers, researchers and admins work over the vault.

Views are thin: they call ``service.vault`` (which decides what each user may see and
do, organisation walls included) and render templates under
``service/templates/workspace``. Sessions live in the vault (``sessions``); every page
checks the session, the role and, on writes, the CSRF token (``guard``).
"""

from __future__ import annotations

from flask import Flask


def init_workspace(app: Flask) -> None:
    """Register the workspace's blueprint (called by the app factory)."""
    from service.workspace import (  # noqa: F401  (the modules register their routes)
        access_request,
        account,
        admin,
        browse,
        cases,
        consent,
        console,
        documents,
        investigate,
        records,
        signin,
    )
    from service.workspace.blueprint import blp

    app.register_blueprint(blp)
