"""The content-addressed file store: every file named by the SHA-256 of its bytes.

Two areas, kept apart structurally: ``originals`` (the vault's byte-for-byte files, never
served to the public) and ``public`` (the derived public copies and public thumbnails, the
only area the public site reads). Two backends behind one interface (:class:`FileStore`):
files on this machine's disk (``documents.store.local``, the default) and an
S3-compatible object store (``documents.store.s3``). docs/documents.md, "The file store".
"""

from __future__ import annotations

from documents.store.base import AREAS, FileStore, Missing, Stored, StoreError, TooLarge
from graph.settings import Settings

__all__ = ["AREAS", "FileStore", "Missing", "Stored", "StoreError", "TooLarge", "open_store"]


def open_store(settings: Settings, area: str) -> FileStore:
    """The store of ``area`` ("originals" or "public") that the settings say (cheap: nothing
    is touched until the first call)."""
    if area not in AREAS:
        raise ValueError(f"no file store area {area!r} (there are {', '.join(AREAS)})")
    files = settings.files
    if files.backend == "s3":
        from documents.store.s3 import S3FileStore, client

        s3 = client(files.s3_endpoint, files.s3_region, files.s3_access_key, files.s3_secret_key)
        # The spool of puts under way: under var/, not /tmp, which may be memory.
        return S3FileStore(s3, files.s3_bucket, area, spool_dir=settings.var_dir / "tmp")
    from documents.store.local import LocalFileStore

    return LocalFileStore(settings.files_dir, area)
