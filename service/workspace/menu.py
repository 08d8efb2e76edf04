"""The workspace's pages, as its home page lists them: each for the roles that may open it."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext

from service.auth import granted
from service.vault.accounts import User

#: (endpoint, role needed, title, what it is for), in the order the home page shows them.
ENTRIES = (
    ("workspace.console", "researcher", lazy_gettext("Cypher console"),
     lazy_gettext("Read-only queries over the public graph as yourself: saved queries, "
                  "history, CSV")),
    ("workspace.review_queue", "editor", lazy_gettext("Review queue"),
     lazy_gettext("Records waiting for approval: why (not) public, a preview of what the "
                  "public would see")),
    ("workspace.edit_index", "editor", lazy_gettext("Records"),
     lazy_gettext("Create and edit records, link them with their sources, delete with a "
                  "reason")),
    ("workspace.account", None, lazy_gettext("Your account"),
     lazy_gettext("Two-factor sign-in and your console tokens")),
    ("workspace.admin_users", "admin", lazy_gettext("Accounts and requests"),
     lazy_gettext("Invite people to your organisation, change roles, answer researchers' "
                  "requests")),
)


def links(user: User) -> list[dict]:
    roles = granted(user.role)
    return [{"url": url_for(endpoint), "title": str(title), "text": str(text)}
            for endpoint, role, title, text in ENTRIES if role is None or role in roles]
