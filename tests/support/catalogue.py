"""The interface's words as a page in a given language says them, read from the catalogue
itself (service/translations/<lang>/LC_MESSAGES/messages.po), for tests that check what a
page shows: ``text("Why this is public", "ko")``, ``counted("%(count)s victim",
"%(count)s victims", 13, "ko")``.

Read from the ``.po``, not the compiled ``.mo`` the app uses, so that a stale ``.mo``
shows up as a page saying something else (and tests/service/pages/test_i18n.py says why).
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from service.pages.lang import SOURCE, TRANSLATIONS


def po_path(lang: str):
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


@lru_cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE:
        return gettext.NullTranslations()
    with po_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def text(msgid: str, lang: str, context: str | None = None, **params) -> str:
    """``msgid`` in ``lang``, its placeholders filled with ``params``."""
    tr = translations(lang)
    said = tr.pgettext(context, msgid) if context else tr.gettext(msgid)
    return said % params if params else said


def counted(singular: str, plural: str, n: int, lang: str, context: str | None = None,
            **params) -> str:
    """The form of a counted message for ``n`` in ``lang``, ``count`` being ``n`` in that
    language's number format (as the pages write it)."""
    tr = translations(lang)
    said = tr.npgettext(context, singular, plural, n) if context else tr.ngettext(singular, plural, n)
    params.setdefault("count", format_decimal(n, locale=lang))
    return said % params
