"""Processing: read a stored original, keep what it says, make its public copy.

For one Document: its size in pages or seconds, the text of each page (its text layer, or
OCR), the public copy (the file without its metadata: ``documents.media.public_copy``),
thumbnails of the original and of the public copy. Derived files go into the originals
area, next to the original; publication copies them to the public area only if the
document becomes public. Then the document is decided again (``graph.publication``), so
an approved document whose public copy has just been made is published.

Processing is idempotent: the same original gives the same derived files under the same
hashes, so a document processed twice (two workers, or a worker killed half way and
restarted) ends in the same state.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from graph import audit, queries
from graph.connections import Stores

if TYPE_CHECKING:
    from service.shared import Claims

#: A claim older than this is taken to be a worker's that stopped half way.
STALE_AFTER = timedelta(minutes=30)
#: Longest kept error message.
ERROR_MAX = 1000


def process(stores: Stores, uid: str, *, ocr: bool = True, actor: str = "documents") -> str:
    """Process one document; returns its new processing status ("done" or "failed")."""
    from documents.media import MediaType, detect, extract_pages, probe, public_copy, thumbnail

    vault, db = stores.vault, stores.database("vault")
    rows = queries.run(vault, "documents/match_document_file", database=db, uid=uid)
    if not rows:
        raise LookupError(f"no Document {uid!r}")
    row = rows[0]
    files = stores.files
    work = Path(tempfile.mkdtemp(prefix="footprints-doc-"))
    try:
        original = work / "original"
        with files.originals.open(row["sha256"]) as src, original.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        with original.open("rb") as fh:
            media = detect(fh.read(64 * 1024))
        facts = probe(original, media)
        pages = extract_pages(original, media, ocr=ocr)
        copy = work / "public"
        public_copy(original, media, copy)
        with copy.open("rb") as fh:
            public_media: MediaType = detect(fh.read(64 * 1024))
        with copy.open("rb") as fh:
            stored_copy = files.originals.put(fh)
        props = {
            "pages": facts.get("pages"),
            "duration": round(facts["duration"]) if facts.get("duration") is not None else None,
            "text_pages": [p.text for p in pages],
            "text_method": [p.method for p in pages],
            "public_sha256": stored_copy.sha256, "public_size": stored_copy.size,
            "public_media_type": public_media.mime,
            "thumb_sha256": _thumbnail(files, thumbnail, original, media, work / "thumb.jpg"),
            "public_thumb_sha256": _thumbnail(files, thumbnail, copy, public_media,
                                              work / "public-thumb.jpg"),
            "processing_error": None,
        }
        status = "done"
    except Exception as exc:  # a file that cannot be read is marked, not retried forever
        props = {"processing_error": f"{type(exc).__name__}: {exc}"[:ERROR_MAX]}
        status = "failed"
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def write(tx):
        queries.run_in(tx, "documents/set_processed", uid=uid, props=props, status=status)
        audit.append_in(tx, actor, f"document.{'processed' if status == 'done' else 'failed'}",
                        uid, public_sha256=props.get("public_sha256"),
                        pages=len(props.get("text_pages") or []),
                        error=props.get("processing_error"))

    with vault.session(database=db) as session:
        session.execute_write(write)
    if status == "done":
        from graph.publication import republish

        republish(vault, stores.public, [uid], db, stores.database("public"), actor=actor,
                  reason="document processed", recount=stores.recount, files=stores.files)
    return status


def _thumbnail(files, make, path: Path, media, dst: Path) -> str | None:
    if not make(path, media, dst):
        return None
    with dst.open("rb") as fh:
        return files.originals.put(fh).sha256


#: The longest one document's processing may take in a worker before it is stopped (the
#: PDF and image libraries run in-process and a hostile file could keep them busy).
TIME_LIMIT_S = 15 * 60


def _process_in_child(settings, uid: str, ocr: bool, actor: str) -> None:
    stores = Stores(settings, unlock=True)
    try:
        process(stores, uid, ocr=ocr, actor=actor)
    finally:
        stores.close()


def process_isolated(stores: Stores, uid: str, *, ocr: bool = True, actor: str = "documents",
                     time_limit: float = TIME_LIMIT_S) -> str:
    """:func:`process` in a child process that is killed after ``time_limit`` seconds (the
    document is then marked failed, with the reason): a file that hangs a library, or
    makes it grow without end, ends its own processing, not the worker's."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(
        target=_process_in_child, args=(stores.settings, uid, ocr, actor), daemon=True)
    child.start()
    child.join(time_limit)
    if child.is_alive():
        child.kill()
        child.join()
    status = queries.run(stores.vault, "documents/match_document_file",
                         database=stores.database("vault"), uid=uid)[0]["processing"]
    if status == "pending":  # killed, or died without a word: say so, do not retry forever
        reason = (f"processing took longer than {time_limit:.0f} s and was stopped"
                  if child.exitcode and child.exitcode < 0 else
                  f"processing stopped (exit status {child.exitcode})")

        def write(tx):
            queries.run_in(tx, "documents/set_processed", uid=uid,
                           props={"processing_error": reason}, status="failed")
            audit.append_in(tx, actor, "document.failed", uid, error=reason)

        with stores.vault.session(database=stores.database("vault")) as session:
            session.execute_write(write)
        status = "failed"
    return status


def claim(stores: Stores, limit: int = 1) -> list[str]:
    """Claim up to ``limit`` documents waiting for processing (see claim_pending.cypher)."""
    now = datetime.now(UTC)
    rows = queries.run(stores.vault, "documents/claim_pending", database=stores.database("vault"),
                       limit=limit, now=now, stale_before=now - STALE_AFTER)
    return [r["uid"] for r in rows]


def pending(stores: Stores) -> int:
    return queries.run(stores.vault, "documents/count_pending",
                       database=stores.database("vault"))[0]["pending"]


def drain(stores: Stores, *, ocr: bool = True, progress: bool = False, actor: str = "documents",
          on_done: Callable[[str, str], None] | None = None,
          time_limit: float | None = None) -> dict[str, int]:
    """Process every waiting document (``footprints documents process``, the worker); with
    ``time_limit``, each in a child process stopped after that many seconds."""
    counts = {"done": 0, "failed": 0}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=pending(stores), desc="processing", unit="doc", file=sys.stderr)
    try:
        while uids := claim(stores, limit=1):
            status = (process_isolated(stores, uids[0], ocr=ocr, actor=actor,
                                       time_limit=time_limit) if time_limit
                      else process(stores, uids[0], ocr=ocr, actor=actor))
            counts[status] += 1
            if on_done:
                on_done(uids[0], status)
            if bar:
                bar.update(1)
    finally:
        if bar:
            bar.close()
    return counts


class Worker(threading.Thread):
    """Processes documents in the background of a serving process: woken by each upload
    (``Stores.documents_queued``), and every ``interval`` seconds for uploads made by other
    processes or left half done by a stopped one.

    When the app runs several processes each has a worker, and ``claims`` (service/shared.py)
    is their lease: one processes at a time, so OCR never takes every core from the requests.
    Documents are claimed one by one in the vault (``claim``) all the same, so a lease that
    runs out in a long drain costs at most a second worker for a while, never a document
    processed twice."""

    LEASE = "documents-worker"

    def __init__(self, stores: Stores, interval: float = 30.0, ocr: bool = True,
                 time_limit: float = TIME_LIMIT_S, claims: Claims | None = None):
        super().__init__(name="documents-worker", daemon=True)
        self.stores, self.interval, self.ocr = stores, interval, ocr
        self.time_limit = time_limit
        self.claims = claims
        self.owner = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._stop_event = threading.Event()

    def holds_lease(self) -> bool:
        """Take or keep the lease (always true without shared claims)."""
        if self.claims is None:
            return True
        ttl = max(self.interval * 3, 60.0)
        return (self.claims.refresh(self.LEASE, self.owner, ttl)
                or self.claims.claim(self.LEASE, self.owner, ttl))

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                if self.holds_lease():
                    drain(self.stores, ocr=self.ocr, time_limit=self.time_limit,
                          on_done=lambda uid, status: self.holds_lease())
            except Exception as exc:  # a store outage must not end the worker
                print(f"documents worker: {exc}", file=sys.stderr)
                time.sleep(min(self.interval, 5))
            self.stores.documents_waiting.wait(self.interval)
            self.stores.documents_waiting.clear()

    def stop(self) -> None:
        self._stop_event.set()
        self.stores.documents_waiting.set()
        if self.claims is not None:
            self.claims.release(self.LEASE, self.owner)
