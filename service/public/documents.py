"""Public documents: their files (public copies and thumbnails, never an original) and a
search over their text. Public graph and public file area only: a hash is served only
while a public document carries it, checked on every request."""

from __future__ import annotations

from flask import current_app

from documents.snippets import hit
from service.public import shape
from service.public.cache import per_revision
from service.public.lucene import to_query, words
from service.stores import public_query

MAX_PER_PAGE = 50


def public_file(sha256: str) -> dict | None:
    """``{"uid", "media_type", "size", "thumbnail"}`` of a file a public document carries."""
    rows = public_query("public/match_public_file", sha256=sha256)
    return rows[0] if rows else None


def file_area():
    """The public file area (the only one the public site reads)."""
    return current_app.extensions["footprints.stores"].files.public


@per_revision
def search_text(text: str, page: int = 1, per_page: int = 20, lang: str = "en") -> dict:
    """Public documents whose title or text match ``text``: each with the page the words
    were found on and a snippet around them. ``{"query", "total", "page", "per_page",
    "items"}``."""
    lucene = to_query(text)
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    out = {"query": text, "total": 0, "page": page, "per_page": per_page, "items": []}
    if lucene is None:
        return out
    out["total"] = public_query("public/count_document_text", lucene=lucene)[0]["total"]
    rows = public_query("public/search_document_text", lucene=lucene,
                        skip=(page - 1) * per_page, limit=per_page)
    searched = words(text)
    for row in rows:
        node = shape.node(row["uid"], row["labels"], row["props"], lang)
        out["items"].append({"node": node, "hit": hit(row["props"].get("text_pages") or [],
                                                       searched)})
    return out


@per_revision
def text_of(uid: str) -> list[dict] | None:
    """The text of each page of a public document: ``[{"page", "text"}]``; None if there is
    no such public document."""
    rows = public_query("public/match_document_text", uid=uid)
    if not rows:
        return None
    return [{"page": n, "text": t} for n, t in enumerate(rows[0]["pages"] or [], start=1)]
