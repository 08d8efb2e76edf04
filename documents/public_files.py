"""Publication of files: the public area holds the derived files of public documents, and
nothing else.

Called by ``graph.publication`` right after the public graph commits, for the records it
rewrote (or for everything after a full publication). A file whose document left the public
graph is deleted from the public area at once; the public site also checks the public graph
before serving a hash (``service.public.documents``), so not even the moment between the
commit and this deletion serves it.
"""

from __future__ import annotations

from graph import queries


def sync(files, vault, vault_db: str, public, public_db: str,
         uids: list[str] | None = None) -> dict:
    """Copy what public documents need into the public area; delete what none needs.
    Returns ``{"copied": n, "removed": n}``."""
    wanted: set[str] = set()
    for row in queries.run(public, "documents/match_public_files", database=public_db, uids=uids):
        wanted.update(h for h in (row["public_sha256"], row["public_thumb_sha256"]) if h)
    copied = 0
    for sha in sorted(wanted):
        if not files.public.exists(sha):
            with files.originals.open(sha) as stream:
                files.public.put(stream)
            copied += 1
    if uids is None:
        candidates = set(files.public.hashes())
    else:  # the hashes these documents carry in the vault, public now or not
        candidates = set()
        for row in queries.run(vault, "documents/match_public_files", database=vault_db,
                               uids=uids):
            candidates.update(h for h in (row["public_sha256"], row["public_thumb_sha256"]) if h)
    unneeded = sorted(candidates - wanted)
    in_use = {r["sha256"] for r in queries.run(public, "documents/match_hash_in_use",
                                               database=public_db, hashes=unneeded)}
    removed = 0
    for sha in unneeded:
        if sha not in in_use and files.public.exists(sha):
            files.public.delete(sha)
            removed += 1
    return {"copied": copied, "removed": removed}
