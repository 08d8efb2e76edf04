"""How large a request body may be: 1 MB for the JSON API (``service.api.json_guard``), and
the file store's limit for the few endpoints that take a file.

Flask's ``MAX_CONTENT_LENGTH`` stays at the API's 1 MB: raised for the whole app to the
file store's 200 MB, it would let any JSON write endpoint read 200 MB. Instead, before
each request, an upload endpoint gets its own limit (Flask 3.1 lets a request carry one):
the file store's ``max_upload`` (``FOOTPRINTS_MAX_UPLOAD``) plus room for the form's other
fields. Beyond it the body is not read and the answer is a 413 (werkzeug's
``RequestEntityTooLarge``, in the one error shape); a file just under the room but over
the limit is stopped by the store as it is written (``documents.ingest.TooLargeUpload``).
"""

from __future__ import annotations

from flask import Flask, current_app, request

#: Room for the multipart framing and the form's other fields, beyond the file.
FORM_ROOM = 1 << 20
#: The endpoints that take a file (registered by their modules).
ENDPOINTS: set[str] = set()


def allow(endpoint: str) -> None:
    """Let ``endpoint`` take a body as large as the file store's limit (and the form)."""
    ENDPOINTS.add(endpoint)


def max_upload() -> int:
    """The file store's limit, in bytes."""
    return current_app.extensions["footprints.stores"].settings.files.max_upload


def _widen() -> None:
    if request.endpoint in ENDPOINTS:
        request.max_content_length = max_upload() + FORM_ROOM


def init_app(app: Flask) -> None:
    app.before_request(_widen)
