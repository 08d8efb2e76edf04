"""Which language a page is shown in, remembering the visitor's choice, and the catalogues
that say the interface in it.

A ``?lang=ko`` (or ``en``) on any page switches and is remembered in a cookie
for a year; without one, the cookie decides, then the browser's
Accept-Language, then English. The switch links keep the rest of the URL, so
a shared search link stays the same search in the other language.

The interface's words are gettext messages, English being the source language:
``_('…')``, ``ngettext(…)`` and ``pgettext(…)`` in templates and views, translated by
the catalogue ``service/translations/<lang>/LC_MESSAGES/messages.po`` (compiled to
``messages.mo`` by ``make``; ``make translations-update`` extracts new messages into
it). Flask-Babel answers them, and formats numbers and dates, in the page's language.
What names the domain (field, record type and relationship labels, vocabularies) is not
interface text: it comes from the model's one definition (graph/model), in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from babel import Locale
from flask import Flask, Request, Response, g
from flask_babel import Babel, get_locale

from graph.model import LANGS

COOKIE = "lang"
MAX_AGE = 365 * 24 * 3600
#: The language the messages are written in; every other one needs a compiled catalogue.
SOURCE = "en"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
#: Numbers that meet every plural category of integers CLDR knows (``plural_forms``).
PLURAL_SAMPLES = (*range(0, 201), 1_000, 10_000, 100_000, 1_000_000)


def choose(request: Request) -> str:
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    stored = request.cookies.get(COOKIE)
    if stored in LANGS:
        return stored
    return request.accept_languages.best_match(LANGS, default=SOURCE) or SOURCE


def remember(request: Request, response: Response) -> None:
    """Set the cookie when the visitor picked a language with ``?lang=``."""
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=MAX_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure)


def switch_links(request: Request, current: str, echo: bool = True) -> list[dict]:
    """``[{"lang", "name", "url", "current"}]``: this page in each language (the query string
    kept), each named in its own language.

    With ``echo`` False (a page saying "not found") the links go to the home page instead,
    so that a uid that is not public is not written back into the page."""
    out = []
    for code in LANGS:
        name = Locale.parse(code).get_display_name(code)
        if not echo:
            out.append({"lang": code, "name": name, "url": f"/?{COOKIE}={code}",
                        "current": code == current})
            continue
        args = request.args.copy()
        args[COOKIE] = code
        query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in args.items(multi=True))
        out.append({"lang": code, "name": name, "url": f"{request.path}?{query}",
                    "current": code == current})
    return out


def _quote(text: str) -> str:
    return quote(str(text), safe="")


def catalogue(lang: str) -> Path:
    """The compiled catalogue of ``lang``."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo"


def init_babel(app: Flask) -> None:
    """Flask-Babel on ``app``, in the page's language (``g.lang``, set before each page).

    A language without its compiled catalogue is refused here rather than shown in
    English under a Korean switch: the ``.mo`` files are built, not committed."""
    missing = [str(catalogue(lang)) for lang in LANGS
               if lang != SOURCE and not catalogue(lang).is_file()]
    if missing:
        raise RuntimeError(f"the interface's catalogues are not compiled ({', '.join(missing)}): "
                           "run `make translations`")
    Babel(app, locale_selector=page_language, default_locale=SOURCE,
          default_translation_directories=str(TRANSLATIONS))


def page_language() -> str:
    return g.get("lang") or SOURCE


def plural_forms(say: Callable[[int], str]) -> dict[str, str]:
    """A counted message for a script, ``{CLDR plural category: text}`` in the page's language.

    ``say(n)`` is the message for ``n`` (an ``ngettext`` whose ``count`` is the text
    ``{count}``); each category gets the catalogue's form for a number of that category.
    The script picks the form with ``Intl.PluralRules``, which follows the same CLDR
    rules, and puts the number in ``{count}``: no plural rule is written in a script."""
    locale = get_locale() or Locale.parse(SOURCE)
    forms: dict[str, str] = {}
    for n in PLURAL_SAMPLES:
        category = locale.plural_form(n)
        if category not in forms:
            forms[category] = say(n)
    return forms
