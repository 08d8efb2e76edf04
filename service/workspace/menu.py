"""The workspace's pages, as its home page lists them: each for the roles that may open it."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext

from service.auth import granted
from service.vault.accounts import User

#: (endpoint, roles that may open it (any one, space-separated), title, what it is for),
#: in the order the home page shows them.
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
    ("workspace.case_list", "lawyer", lazy_gettext("Case files"),
     lazy_gettext("Each proceeding with its victims, events, perpetrators, instruments and "
                  "sources; links and a printable dossier")),
    ("workspace.documents_list", "investigator lawyer", lazy_gettext("Documents"),
     lazy_gettext("Letters, photos, footage and papers you may read: search their text, view "
                  "them; editors upload")),
    ("workspace.records", "investigator lawyer", lazy_gettext("Vault records"),
     lazy_gettext("Search and browse every record you may read, with its visibility")),
    ("workspace.network", "investigator", lazy_gettext("Network over the vault"),
     lazy_gettext("Chain of responsibility, neighbourhood and paths, coloured by visibility")),
    ("workspace.board_list", "investigator", lazy_gettext("Case boards"),
     lazy_gettext("Your organisation's pinned records and notes, one board per investigation")),
    ("workspace.account", None, lazy_gettext("Your account"),
     lazy_gettext("Two-factor sign-in and your console tokens")),
    ("workspace.admin_users", "admin", lazy_gettext("Accounts and requests"),
     lazy_gettext("Invite people to your organisation, change roles, answer researchers' "
                  "requests")),
)


def links(user: User) -> list[dict]:
    roles = granted(user.role)
    return [{"url": url_for(endpoint), "title": str(title), "text": str(text)}
            for endpoint, role, title, text in ENTRIES
            if role is None or roles & set(role.split())]
