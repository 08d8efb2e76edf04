"""The two areas of the file store, opened together for one set of stores.

``originals`` holds what the vault keeps: every original byte for byte, and the files
derived from it (the public copy, thumbnails) until they are published. ``public`` holds
exactly the derived files of the documents the public graph holds: publication copies
them there and removes them again (``documents.public_files``); the public site reads
nothing else.
"""

from __future__ import annotations

from functools import cached_property

from graph.settings import Settings


class Files:
    def __init__(self, settings: Settings):
        self.settings = settings

    @cached_property
    def originals(self):
        from documents.store import open_store

        return open_store(self.settings, "originals")

    @cached_property
    def public(self):
        from documents.store import open_store

        return open_store(self.settings, "public")

    def sync_public(self, vault, vault_db: str, public, public_db: str,
                    uids: list[str] | None = None) -> dict:
        """Bring the public area in line with the public graph (all documents, or ``uids``)."""
        from documents.public_files import sync

        return sync(self, vault, vault_db, public, public_db, uids)
