"""Which language a page is shown in, and remembering the visitor's choice.

A ``?lang=ko`` (or ``en``) on any page switches and is remembered in a cookie
for a year; without one, the cookie decides, then the browser's
Accept-Language, then English. The switch links keep the rest of the URL, so
a shared search link stays the same search in the other language.
"""

from __future__ import annotations

from flask import Request, Response

from service.i18n import LANGS

COOKIE = "lang"
MAX_AGE = 365 * 24 * 3600


def choose(request: Request) -> str:
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    stored = request.cookies.get(COOKIE)
    if stored in LANGS:
        return stored
    return request.accept_languages.best_match(LANGS, default="en") or "en"


def remember(request: Request, response: Response) -> None:
    """Set the cookie when the visitor picked a language with ``?lang=``."""
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=MAX_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure)


def switch_links(request: Request, current: str, echo: bool = True) -> list[dict]:
    """``[{"lang", "url", "current"}]``: this page in each language (the query string kept).

    With ``echo`` False (a page saying "not found") the links go to the home page instead,
    so that a uid that is not public is not written back into the page."""
    out = []
    for code in LANGS:
        if not echo:
            out.append({"lang": code, "url": f"/?{COOKIE}={code}", "current": code == current})
            continue
        args = request.args.copy()
        args[COOKIE] = code
        query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in args.items(multi=True))
        out.append({"lang": code, "url": f"{request.path}?{query}", "current": code == current})
    return out


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(str(text), safe="")
