"""Ingest: a file in, a Document in the vault, its processing queued.

The order makes a crash harmless. The file goes into the originals area first (written
atomically under its SHA-256: ``documents.store``); the Document node, its links and its
audit entry are written next in one vault transaction. A process killed in between leaves
at most a file no node names (``footprints documents verify`` reports it as an orphan),
never a node whose file is missing. Reading the file (text, OCR, public copy, thumbnails)
is left to ``documents.process``, run by a worker, so that an upload never waits for OCR.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from marshmallow import ValidationError

from graph import audit, queries
from graph.connections import Stores
from graph.messages import N_
from graph.model import MODEL

#: What a document may be about (the ABOUT relationship's ends, from the model).
ABOUT_TYPES = MODEL.relationships["ABOUT"].ends
#: How much of a file detection reads.
HEAD = 64 * 1024
#: The fields an upload gives; the rest are read from the file.
GIVEN = ("title_en", "title_ko", "kind", "date", "language", "terms_of_use")


class IngestError(ValueError):
    """The upload is refused; ``errors`` maps each field to its reasons (messages: English,
    or the page's language on a workspace page). Nothing was kept."""

    def __init__(self, errors: dict[str, list[str]] | str, reason: str | None = None):
        if isinstance(errors, str):
            errors = {errors: [reason or "invalid"]}
        self.errors = errors
        super().__init__("; ".join(f"{f}: {' '.join(map(str, r))}" for f, r in errors.items()))


class TooLargeUpload(IngestError):
    """The file is larger than the file store's limit (HTTP answers it 413)."""

    def __init__(self, limit: int):
        super().__init__("file", N_("larger than the limit of %(limit)s bytes",
                                    limit=f"{limit:,}"))
        self.limit = limit


@dataclass
class Upload:
    """What the person uploading says about the file."""

    kind: str
    terms_of_use: str
    source: str
    title_en: str | None = None
    title_ko: str | None = None
    date: date | str | None = None
    language: str | None = None
    about: list[str] = field(default_factory=list)
    filename: str | None = None
    uid: str | None = None
    synthetic: bool = False


def _chain(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A stream that gives ``head`` and then the rest of ``rest``."""
    import io

    class _Chained(io.RawIOBase):
        def __init__(self):
            self._parts: Iterator[bytes] = iter(())
            self._head = head

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if self._head:
                n = min(len(buffer), len(self._head))
                buffer[:n], self._head = self._head[:n], self._head[n:]
                return n
            data = rest.read(len(buffer))
            buffer[:len(data)] = data
            return len(data)

    return io.BufferedReader(_Chained(), buffer_size=1 << 20)


def _validate(upload: Upload, organization: str) -> dict:
    from loaders.records import NODE_SCHEMAS

    record = {"record": "Document", "uid": upload.uid or f"doc-{secrets.token_hex(8)}",
              "submitted_by": organization, "synthetic": upload.synthetic,
              "submitted_on": date.today().isoformat()}
    for name in GIVEN:
        value = getattr(upload, name)
        if value not in (None, ""):
            record[name] = value.isoformat() if isinstance(value, date) else value
    try:
        data = NODE_SCHEMAS["Document"]().load(record)
    except ValidationError as exc:
        raise IngestError({k: v if isinstance(v, list) else [str(v)]
                           for k, v in exc.messages.items()}) from exc
    if not (data.get("title_en") or data.get("title_ko")):
        raise IngestError("title_en", N_("give a title, in English or in Korean (or both)"))
    data.pop("record", None)
    return data


def check_links(stores: Stores, source: str, about: Iterable[str], user=None) -> None:
    """The source must be a Source and each ``about`` a record a document may be about;
    with ``user``, each must also be one they may see and link (their organisation's, or
    shared reference data): a record they may not see is answered as one that is not there."""
    from service.vault.visibility import access_of, may_link, may_see

    about = list(dict.fromkeys(a for a in about if a))
    found = access_of(stores, [source, *about])
    errors: dict[str, list[str]] = {}

    def usable(uid: str) -> bool:
        access = found.get(uid)
        return access is not None and (user is None or may_see(user, access))

    if not usable(source) or found[source].label != "Source":
        errors["source"] = [N_("no Source with uid %(uid)s", uid=repr(source))]
    elif user is not None and not may_link(user, found[source]):
        errors["source"] = [N_("%(uid)s belongs to another organisation", uid=repr(source))]
    for uid in about:
        if not usable(uid) or found[uid].label not in ABOUT_TYPES:
            errors.setdefault("about", []).append(
                N_("no record a document may be about with uid %(uid)s (one of %(types)s)",
                   uid=repr(uid), types=", ".join(ABOUT_TYPES)))
        elif user is not None and not may_link(user, found[uid]):
            errors.setdefault("about", []).append(
                N_("%(uid)s belongs to another organisation", uid=repr(uid)))
    if errors:
        raise IngestError(errors)


def ingest(stores: Stores, stream: BinaryIO, upload: Upload, *, organization: str,
           actor: str, user=None) -> dict:
    """Keep the file and write its Document; returns the new node's fields. Raises
    :class:`IngestError` for a refused file or bad fields (nothing kept then, unless the
    same bytes were already stored: the store deduplicates)."""
    from documents.media import Refused, detect
    from documents.store import TooLarge

    data = _validate(upload, organization)
    check_links(stores, upload.source, upload.about, user)
    head = stream.read(HEAD)
    if not head:
        raise IngestError("file", N_("the file is empty"))
    try:
        media = detect(head)
    except Refused as exc:
        raise IngestError("file", N_("this file is not accepted: %(reason)s",
                                     reason=str(exc))) from exc
    limit = stores.settings.files.max_upload
    try:
        stored = stores.files.originals.put(_chain(head, stream), max_bytes=limit)
    except TooLarge as exc:
        raise TooLargeUpload(limit) from exc
    data.update(sha256=stored.sha256, size=stored.size, media_type=media.mime,
                filename=(upload.filename or "")[:500] or None, submitted_by_user=actor,
                processing="pending", review_status="pending")
    props = {k: v for k, v in data.items() if v is not None}

    def write(tx):
        queries.run_in(tx, "documents/create_document", props=props, source=upload.source,
                       about=list(dict.fromkeys(upload.about)))
        audit.append_in(tx, actor, "document.ingest", props["uid"], sha256=stored.sha256,
                        size=stored.size, media_type=media.mime, source=upload.source,
                        about=list(upload.about), organization=organization)

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(write)
    stores.documents_queued()
    return props
