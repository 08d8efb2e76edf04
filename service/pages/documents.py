"""Public documents: their files, their pages as images, and a search over their text.

Files come from the public file area only, and only while the public graph holds a public
document that carries the hash (``service.public.documents.public_file``): an original,
or the copy of a document that was withdrawn a moment ago, is a 404 like any unknown hash.
Video and audio are served with HTTP range requests, so that a player can seek
(``service.filestream``, shared with the vault's document routes).
"""

from __future__ import annotations

import re

from flask import abort, g, render_template, request

from service import filestream
from service.pages.blueprint import blp
from service.public import documents

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@blp.route("/files/<sha256>")
def public_file(sha256: str):
    if not SHA256.match(sha256):
        abort(404)
    info = documents.public_file(sha256)
    area = documents.file_area()
    if info is None or not area.exists(sha256):
        abort(404)
    return filestream.send(area, sha256, info["media_type"], request.headers.get("Range"),
                           cache_control="public, max-age=300")


@blp.route("/documents/<uid>/pages/<int:number>.png")
def page_image(uid: str, number: int):
    """One page of a public PDF document as an image (the page viewer)."""
    from service.public import entities

    record = entities.get_entity("documents", uid, g.lang)
    props = (record or {}).get("properties", {})
    sha = props.get("public_sha256")
    # The record came from the public graph (cached per revision): its public copy is public.
    if not sha or props.get("public_media_type") != "application/pdf" or number < 1 \
            or number > (props.get("pages") or 0):
        abort(404)
    return filestream.page_response("public", sha, number, "public, max-age=300")


@blp.route("/documents/text")
def search_text():
    """Search the text of public documents: each hit with its page and a snippet."""
    text = (request.args.get("q") or "").strip()[:200]
    try:
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        abort(400)
    result = documents.search_text(text, page=page, lang=g.lang) if text else None
    return render_template("document_search.html", q=text, result=result)
