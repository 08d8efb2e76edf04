"""Writing a backup: the vault as one consistent snapshot, the originals' files, a manifest,
encrypted to age recipients while it is produced (docs/backup.md).

Consistency. Neo4j's isolation is read committed: one read transaction sees each record as
last committed when it reads it, so a change committed while a long read runs can be half
seen (a value moved from a node already read to one not yet read is in neither). So the
backup's transaction first takes the write locks every audited change and every
publication needs (cypher/backup/lock_vault_writes.cypher) and holds them while it reads
the whole vault: those writes wait (the CLI says so), and each one either committed before
the snapshot or commits after it. The files are read after the locks are released: they
are content-addressed and never rewritten, and the snapshot's documents name them.

Memory is flat in the data's size: records are pulled from the driver as the encryption
reads (pyrage's ``encrypt_io``), framed in batches (``ops.backup.container``), never
collected; only the counts per label and type and the list of files are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from neo4j import Driver

from documents.store.base import CHUNK, StoreError
from graph import audit, queries
from ops.backup import codec
from ops.backup.container import (
    DATA,
    FILE,
    FORMAT,
    HEADER,
    MAGIC,
    MANIFEST,
    NODES,
    RELATIONSHIPS,
    VERSION,
    BackupError,
    Hashed,
    StreamReader,
    batches,
    frame,
    json_frame,
)

#: A backup's file name: the time it was taken, in UTC (what retention reads).
NAME_FORMAT = "footprints-backup-%Y%m%dT%H%M%SZ.age"


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    manifest: dict

    def summary(self) -> str:
        counts = self.manifest["counts"]
        return (f"wrote {self.path} ({self.size:,} bytes, sha256 {self.sha256}): "
                f"{counts['nodes']:,} nodes, {counts['relationships']:,} relationships, "
                f"{counts['files']:,} file(s)")


def output_path(output: str | Path, created: datetime) -> Path:
    """``output`` itself, or a dated name inside it when it is a directory (one that exists,
    or a path ending in a slash)."""
    path = Path(output)
    if path.is_dir() or str(output).endswith(os.sep):
        path.mkdir(parents=True, exist_ok=True)
        return path / created.strftime(NAME_FORMAT)
    return path


def backup(stores, output: str | Path, recipients: list, actor: str,
           say: Callable[[str], None] = lambda line: None,
           progress: Callable[[str, int | None], Callable[[int], None]] | None = None,
           on_record: Callable[[str, int], None] | None = None) -> BackupResult:
    """Back the vault of ``stores`` and its originals' files up to ``output`` (a file, or a
    directory for a dated file), encrypted to ``recipients`` (``ops.backup.keys``).

    ``say`` gets the lines an operator should read (writes paused, resumed); ``progress``
    makes a progress callback for a part (its name and size, if known); ``on_record`` is
    called with each part's name and the count of records read so far (the tests use it
    to change the vault while the snapshot is being read)."""
    vault, database = stores.vault, stores.database("vault")
    created = datetime.now(UTC)
    path = output_path(output, created)
    if path.exists():
        raise BackupError(f"{path} exists: a backup is never overwritten")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder (give an existing folder, or a "
                          "path ending in / to make one)")
    audit.append(vault, actor, "backup.started", path.name, database=database,
                 recipients=len(recipients))
    manifest = {"format": FORMAT, "version": VERSION,
                "created_at": created.isoformat(timespec="microseconds")}
    chunks = _plaintext(vault, database, stores.files.originals, manifest, say,
                        progress or (lambda name, total: lambda n: None),
                        on_record or (lambda part, n: None))
    try:
        size, sha256 = _encrypt(chunks, path, recipients)
    except Exception as exc:  # the log says the backup it announced never came to be
        audit.append(vault, actor, "backup.failed", path.name, database=database,
                     error=str(exc) or type(exc).__name__)
        raise
    audit.append(vault, actor, "backup.finished", path.name, database=database, sha256=sha256,
                 bytes=size, nodes=manifest["counts"]["nodes"],
                 relationships=manifest["counts"]["relationships"],
                 files=manifest["counts"]["files"])
    return BackupResult(path, size, sha256, manifest)


def _encrypt(chunks: Iterator[bytes], path: Path, recipients: list) -> tuple[int, str]:
    """Encrypt the plaintext's chunks into ``path``, through a temporary file renamed when
    whole, so that a backup cut short never looks like one; its size and SHA-256."""
    tmp = path.with_name(path.name + ".part")
    reader = StreamReader(chunks)
    try:
        with tmp.open("xb") as raw:
            out = _HashingWriter(raw)
            try:
                pyrage.encrypt_io(reader, out, recipients)
            except (pyrage.EncryptError, OSError) as exc:
                if reader.error is not None:
                    raise reader.error from None
                raise BackupError(f"cannot write {path}: {exc}") from exc
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out.size, out.digest.hexdigest()


class _HashingWriter:
    """The encrypted file, with its size and SHA-256 counted as it is written."""

    def __init__(self, raw) -> None:
        self.raw, self.size, self.digest = raw, 0, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


def _plaintext(vault: Driver, database: str, originals, manifest: dict, say, progress,
               on_record) -> Iterator[bytes]:
    """The backup's frames, in order; ``manifest`` is filled in as they are produced."""
    hashed = Hashed()
    yield hashed(MAGIC)
    yield hashed(json_frame(HEADER, {k: manifest[k] for k in ("format", "version",
                                                               "created_at")}))
    labels, types, parts = Counter(), Counter(), {}
    with vault.session(database=database) as session:
        tx = session.begin_transaction()
        try:
            say("vault writes paused while the snapshot is read (audited changes and "
                "publications wait)")
            queries.run_in(tx, "backup/lock_vault_writes")
            total = queries.run_in(tx, "backup/count_graph")[0]
            for part, query, kind, total_n, count in (
                    ("nodes", "backup/stream_nodes", NODES, total["nodes"], labels),
                    ("relationships", "backup/stream_relationships", RELATIONSHIPS,
                     total["relationships"], types)):
                tick = progress(part, total_n)
                digest, n = hashlib.sha256(), 0
                rows = _rows(tx.run(queries.text(query)), part, count)
                for data, in_frame in batches(rows, kind):
                    digest.update(data[5:])
                    n += in_frame
                    tick(in_frame)
                    on_record(part, n)
                    yield hashed(data)
                parts[part] = {"records": n, "sha256": digest.hexdigest()}
            files = {row["sha256"]: row["size"]
                     for row in queries.run_in(tx, "documents/list_originals")}
        finally:
            tx.rollback()
            say("vault writes resumed")
    stored = {}
    tick = progress("files", None)
    for sha256 in sorted(files):
        size, digest = 0, hashlib.sha256()
        try:
            stream = originals.open(sha256)
        except StoreError as exc:
            raise BackupError(f"the document file {sha256} is not in the originals area "
                              f"({exc}): run `footprints documents verify`") from exc
        with stream:
            yield hashed(json_frame(FILE, {"sha256": sha256}))
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                tick(len(chunk))
                yield hashed(frame(DATA, chunk))
        if digest.hexdigest() != sha256:
            raise BackupError(f"the document file {sha256} is damaged (its bytes hash to "
                              f"{digest.hexdigest()}): run `footprints documents verify`")
        stored[sha256] = size
    manifest["counts"] = {"nodes": parts["nodes"]["records"],
                          "relationships": parts["relationships"]["records"],
                          "files": len(stored), "labels": dict(sorted(labels.items())),
                          "types": dict(sorted(types.items()))}
    manifest["parts"] = parts
    manifest["files"] = [{"sha256": sha, "size": size} for sha, size in stored.items()]
    yield hashed(json_frame(MANIFEST, manifest))
    yield hashed.end()


def _rows(result, part: str, count: Counter) -> Iterator[dict]:
    """The records of a stream query as a backup's rows, counted by label or type."""
    for record in result:
        row = record.data()
        row["props"] = codec.encode_props(row["props"])
        if part == "nodes":
            count.update(row["labels"])
        else:
            count[row["type"]] += 1
        yield row


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
