"""The workspace's pages, as its home page lists them: each for the roles that may open it."""

from __future__ import annotations

from flask import url_for

from service.auth import granted
from service.vault.accounts import User
from service.workspace.words import gettext as _

#: (endpoint, roles that may open it (any one, space-separated), title, what it is for),
#: in the order the home page shows them.
ENTRIES = (
    ("workspace.console", "researcher", "Cypher console",
     "Read-only queries over the public graph as yourself: saved queries, history, CSV"),
    ("workspace.review_queue", "editor", "Review queue",
     "Records waiting for approval: why (not) public, a preview of what the public would see"),
    ("workspace.edit_index", "editor", "Records",
     "Create and edit records, link them with their sources, delete with a reason"),
    ("workspace.case_list", "lawyer", "Case files",
     "Each proceeding with its victims, events, perpetrators, instruments and sources; "
     "links and a printable dossier"),
    ("workspace.records", "investigator lawyer", "Vault records",
     "Search and browse every record you may read, with its visibility"),
    ("workspace.network", "investigator", "Network over the vault",
     "Chain of responsibility, neighbourhood and paths, coloured by visibility"),
    ("workspace.board_list", "investigator", "Case boards",
     "Your organisation's pinned records and notes, one board per investigation"),
    ("workspace.account", None, "Your account", "Two-factor sign-in and your console tokens"),
    ("workspace.admin_users", "admin", "Accounts and requests",
     "Invite people to your organisation, change roles, answer researchers' requests"),
)


def links(user: User) -> list[dict]:
    roles = granted(user.role)
    return [{"url": url_for(endpoint), "title": _(title), "text": _(text)}
            for endpoint, role, title, text in ENTRIES
            if role is None or roles & set(role.split())]
