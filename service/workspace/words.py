"""The workspace's words, marked for translation where they are written: ``_("Sign in")``
in templates and views, ``ngettext`` where a count is shown.

The English text is the message id; the page's language chooses the translation.
"""

from __future__ import annotations


def gettext(text: str, **params: object) -> str:
    return text % params if params else text


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    params.setdefault("num", n)
    return (singular if n == 1 else plural) % params


