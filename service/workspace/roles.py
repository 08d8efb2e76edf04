"""What each account role is called on the workspace's pages, in the page's language.

The roles themselves are codes (``service.vault.accounts.ROLES``), stored and checked as
they are; only what a page shows is translated. In English a role is called by its code.
"""

from __future__ import annotations

from flask_babel import lazy_pgettext

ROLE_TITLES = {
    "researcher": lazy_pgettext("account role", "researcher"),
    "investigator": lazy_pgettext("account role", "investigator"),
    "lawyer": lazy_pgettext("account role", "lawyer"),
    "editor": lazy_pgettext("account role", "editor"),
    "admin": lazy_pgettext("account role", "admin"),
}


def role_label(role: str) -> str:
    """``role``'s name in the page's language (an unknown code as it is)."""
    title = ROLE_TITLES.get(role)
    return str(title) if title is not None else role
