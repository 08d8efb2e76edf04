"""A case file's dossier in three forms, built from the one case file the reader may see
(``service.vault.cases.case_file``): a printable HTML page, the same page as PDF, and a
JSON Lines bundle of the same facts.

The PDF is drawn by WeasyPrint from the page's HTML with its print stylesheet. Nothing is
fetched over the network while rendering: the URL fetcher serves files of this app's
static folder only and refuses every other URL, so a text that somehow carried a link
could never make the server call out (nor read a file elsewhere on the machine).
Hangul is drawn with the system's Noto CJK fonts (Debian's fonts-noto-cjk; see
ops/install-system-deps.sh).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask import render_template

from service.vault.accounts import User
from service.vault.badges import BADGES, css_class

STATIC = Path(__file__).resolve().parents[1] / "static"
STYLESHEET = STATIC / "css" / "dossier.css"
#: The version of the JSON Lines bundle's layout (docs/workspace.md).
BUNDLE_VERSION = 1


def safe_name(uid: str) -> str:
    """A uid as a file name: nothing but letters, digits, dots, dashes and underscores."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", uid)[:100]


def _context(case: dict, reader: User) -> dict:
    return {"case": case, "badges": BADGES, "badge_class": css_class, "reader": reader,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds")}


def html(case: dict, reader: User, for_pdf: bool = False) -> str:
    """The printable dossier page."""
    return render_template("workspace/dossier.html", for_pdf=for_pdf, **_context(case, reader))


def local_fetcher():
    """A WeasyPrint URL fetcher that serves files of the static folder and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"refused (no network access while rendering): {url}")
            path = Path(unquote(parsed.path)).resolve()
            if not path.is_relative_to(STATIC) or not path.is_file():
                raise ValueError(f"refused (outside the app's static files): {url}")
            return URLFetcherResponse(url, path.read_bytes())

    return StaticOnly(fail_on_errors=False)


def pdf(case: dict, reader: User) -> bytes:
    """The dossier as PDF (WeasyPrint; imported here, so that only rendering needs it)."""
    from weasyprint import CSS, HTML

    fetcher = local_fetcher()
    document = HTML(string=html(case, reader, for_pdf=True), base_url=STATIC.as_uri() + "/",
                    url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])


def _node(item: dict) -> dict:
    return {"record": item["type"], **{k: v for k, v in item.items()
                                       if k not in ("type", "badge")}}


def jsonl(case: dict, reader: User) -> str:
    """The bundle: a header line, then one line per record and per fact, each
    ``{"visibility": <badge>, "data": <interchange record>}`` (docs/workspace.md)."""
    lines = [{"bundle": "case-file", "version": BUNDLE_VERSION, "proceeding": case["uid"],
              "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "generated_for": reader.email, "organization": reader.organization,
              "withheld": case["withheld"]},
             {"visibility": case["badge"], "data": case["record"]}]
    seen = {case["uid"]}
    for group in ("victims", "events", "perpetrators", "instruments", "organizations", "sources"):
        for item in case[group]:
            if item["uid"] not in seen:
                seen.add(item["uid"])
                lines.append({"visibility": item["badge"], "data": _node(item)})
    for fact in case["facts"]:
        data = {"record": "rel", "type": fact["type"], "from": fact["from"]["uid"],
                "to": fact["to"]["uid"]}
        if fact["key"]:
            data["key"] = fact["key"]
        if fact["sources"]:
            data["sources"] = [s["uid"] for s in fact["sources"]]
        if fact["props"]:
            data["props"] = fact["props"]
        lines.append({"visibility": fact["badge"], "data": data,
                      "sources_visibility": {s["uid"]: s["badge"] for s in fact["sources"]}})
    return "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
