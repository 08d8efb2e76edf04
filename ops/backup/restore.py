"""Checking a backup and restoring it into an empty vault (docs/backup.md).

:func:`verify` decrypts the whole backup and checks it against its manifest — every part's
SHA-256 and record count, the counts per label and relationship type, every file's size and
SHA-256, the final checksum — writing nothing. :func:`restore` refuses a vault that holds
anything, verifies, and only then writes: the nodes with all their labels and properties
(each marked with its element id in the backup, so that relationships find their ends
through an index), the relationships, the originals' files into the file store; then the
marks come off and the restore is appended to the restored audit log. A restore that fails
part way empties the vault again, so that it is left as it was found: empty.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from graph import audit, queries
from graph.schema import install_schema
from ops.backup import codec
from ops.backup.container import (
    DATA,
    FILE,
    FORMAT,
    HEADER,
    MANIFEST,
    NODES,
    RELATIONSHIPS,
    VERSION,
    BackupError,
    Parser,
    ParserWriter,
    records,
)

Tick = Callable[[int], None]


@dataclass
class _Check:
    """What a pass over a backup saw, to compare with its manifest at the end."""

    header: dict | None = None
    manifest: dict | None = None
    digests: dict = field(default_factory=lambda: {"nodes": hashlib.sha256(),
                                                   "relationships": hashlib.sha256()})
    records: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    files: dict = field(default_factory=dict)
    file: str | None = None
    file_digest: object = None
    file_size: int = 0

    def frame(self, kind: bytes, payload: bytes) -> list[dict] | None:
        """Take in one frame; the rows of a node or relationship frame."""
        if kind != HEADER and self.header is None:
            raise BackupError("the backup is damaged: it has no header")
        if self.manifest is not None:
            raise BackupError("the backup is damaged: data after its manifest")
        if kind == HEADER:
            self.header = json.loads(payload)
            if self.header.get("format") != FORMAT or self.header.get("version") != VERSION:
                raise BackupError(f"not a backup this version can read: {self.header}")
            return None
        if kind in (NODES, RELATIONSHIPS):
            part = "nodes" if kind == NODES else "relationships"
            self.digests[part].update(payload)
            rows = list(records(payload))
            self.records[part] += len(rows)
            for row in rows:
                if kind == NODES:
                    self.labels.update(row["labels"])
                else:
                    self.types[row["type"]] += 1
            return rows
        if kind in (FILE, MANIFEST):
            self._end_file()
        if kind == FILE:
            self.file = json.loads(payload)["sha256"]
            self.file_digest, self.file_size = hashlib.sha256(), 0
        elif kind == DATA:
            if self.file is None:
                raise BackupError("the backup is damaged: file data outside a file")
            self.file_digest.update(payload)
            self.file_size += len(payload)
        elif kind == MANIFEST:
            self.manifest = json.loads(payload)
        return None

    def _end_file(self) -> None:
        if self.file is not None:
            if self.file_digest.hexdigest() != self.file:
                raise BackupError(f"the backup is damaged: the file {self.file} does not hash "
                                  "to its name")
            self.files[self.file] = self.file_size
            self.file = None

    def check(self) -> dict:
        """The manifest, if everything seen agrees with it; otherwise BackupError."""
        m = self.manifest
        if m is None:
            raise BackupError("the backup is damaged: it has no manifest")
        problems = []
        for part, digest in self.digests.items():
            said = m["parts"][part]
            if said["sha256"] != digest.hexdigest():
                problems.append(f"the {part} do not match their SHA-256")
            if said["records"] != self.records[part]:
                problems.append(f"{self.records[part]} {part}, the manifest says {said['records']}")
        counts = m["counts"]
        if counts["labels"] != dict(self.labels) or counts["types"] != dict(self.types):
            problems.append("the counts per label or relationship type differ from the manifest's")
        if {f["sha256"]: f["size"] for f in m["files"]} != self.files:
            problems.append("the files differ from the manifest's list")
        if problems:
            raise BackupError("the backup does not match its manifest: " + "; ".join(problems))
        return m


def _decrypt(path: Path, identities: list, handle: Callable[[bytes, bytes], None],
             tick: Tick) -> None:
    parser = Parser(handle)
    try:
        with Path(path).open("rb") as raw:
            pyrage.decrypt_io(_Counting(raw, tick), ParserWriter(parser), identities)
    except FileNotFoundError as exc:
        raise BackupError(f"no such backup: {path}") from exc
    except pyrage.DecryptError as exc:
        raise BackupError(f"cannot decrypt {path}: {exc} (is it a backup, and is the "
                          "identity one of its recipients?)") from exc
    except OSError as exc:  # pyrage's error for a damaged or cut-short stream
        raise BackupError(f"cannot decrypt {path}: {exc} — the file is damaged or cut "
                          "short") from exc
    parser.close()


class _Counting:
    """The encrypted file, its bytes counted for the progress bar as they are read."""

    def __init__(self, raw, tick: Tick) -> None:
        self.raw, self.tick = raw, tick

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.tick(len(data))
        return data

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.tick(n or 0)
        return n


def verify(path: Path, identities: list, tick: Tick = lambda n: None) -> dict:
    """Check a backup through and through without restoring it; its manifest."""
    check = _Check()
    _decrypt(path, identities, check.frame, tick)
    return check.check()


@dataclass
class RestoreReport:
    manifest: dict
    nodes: int
    relationships: int
    files: int

    def summary(self) -> str:
        return (f"restored {self.nodes:,} nodes, {self.relationships:,} relationships and "
                f"{self.files:,} file(s) from the backup of {self.manifest['created_at']}")


def vault_counts(stores) -> dict:
    return queries.run(stores.vault, "backup/count_graph", database=stores.database("vault"))[0]


def refuse_non_empty(stores) -> None:
    """Refuse a vault that holds any record (its data key canary alone does not count)."""
    counts = queries.run(stores.vault, "backup/count_records",
                         database=stores.database("vault"))[0]
    if counts["nodes"]:
        raise BackupError(
            f"the vault is not empty ({counts['nodes']:,} nodes): a backup is restored into an "
            "empty vault only, so that none of its records mix with others or overwrite "
            "newer ones. To replace this vault with the backup, back it up first if it "
            "holds anything worth keeping (`footprints backup`), empty it (stop the "
            "servers, remove the vault's data folder under var/neo4j/vault/data, start "
            "them again), then restore.")


def restore(stores, path: Path, identities: list, actor: str,
            progress: Callable[[str, int | None], Tick] | None = None) -> RestoreReport:
    """Restore the backup at ``path`` into the empty vault of ``stores`` and its files into
    the originals area (the caller then publishes, to rebuild the public graph)."""
    progress = progress or (lambda name, total: lambda n: None)
    refuse_non_empty(stores)
    size = Path(path).stat().st_size if Path(path).exists() else None
    manifest = verify(path, identities, progress("verifying", size))
    refuse_non_empty(stores)  # nobody wrote in the meantime
    vault, database = stores.vault, stores.database("vault")
    install_schema(vault, database)
    # The backup brings the canary of the key its sealed values were written with; a process
    # started with another key then stops at its canary check, rather than misread them.
    queries.run(vault, "backup/delete_canary", database=database)
    try:
        writer = _Writer(stores, manifest, progress)
        _decrypt(path, identities, writer.frame, lambda n: None)
        if writer.check.check() != manifest:
            raise BackupError(f"{path} changed while it was restored")
        queries.run(vault, "backup/remove_restore_marks", database=database)
        queries.run(vault, "backup/drop_restore_index", database=database)
    except BaseException:
        _empty(stores)
        raise
    sha256 = _file_sha256(path)
    audit.append(vault, actor, "backup.restore", Path(path).name, database=database,
                 sha256=sha256, created_at=manifest["created_at"],
                 nodes=manifest["counts"]["nodes"],
                 relationships=manifest["counts"]["relationships"],
                 files=manifest["counts"]["files"])
    return RestoreReport(manifest, manifest["counts"]["nodes"],
                         manifest["counts"]["relationships"], manifest["counts"]["files"])


class _Writer:
    """The second pass: each frame written as it is decrypted (and checked again)."""

    def __init__(self, stores, manifest: dict, progress) -> None:
        self.stores, self.check = stores, _Check()
        self.vault, self.database = stores.vault, stores.database("vault")
        self.originals = stores.files.originals
        counts = manifest["counts"]
        self.ticks = {"nodes": progress("nodes", counts["nodes"]),
                      "relationships": progress("relationships", counts["relationships"]),
                      "files": progress("files", sum(f["size"] for f in manifest["files"]))}
        self.spool = None
        self.started_relationships = False
        queries.run(self.vault, "backup/create_restore_index", database=self.database)
        queries.run(self.vault, "backup/await_restore_index", database=self.database,
                    seconds=300)

    def frame(self, kind: bytes, payload: bytes) -> None:
        if kind in (FILE, MANIFEST):
            self._put_file()
        rows = self.check.frame(kind, payload)
        if kind == NODES:
            for row in rows:
                row["props"] = codec.decode_props(row["props"])
            self._write("backup/create_nodes", rows)
            self.ticks["nodes"](len(rows))
        elif kind == RELATIONSHIPS:
            for row in rows:
                row["props"] = codec.decode_props(row["props"])
            self._write("backup/create_relationships", rows)
            self.ticks["relationships"](len(rows))
        elif kind == FILE:
            spool_dir = self.stores.settings.var_dir / "tmp"
            spool_dir.mkdir(parents=True, exist_ok=True)
            self.spool = tempfile.TemporaryFile(dir=spool_dir)
            self.sha256 = json.loads(payload)["sha256"]
        elif kind == DATA:
            self.spool.write(payload)
            self.ticks["files"](len(payload))

    def _write(self, name: str, rows: list[dict]) -> None:
        with self.vault.session(database=self.database) as session:
            created = session.execute_write(
                lambda tx: queries.run_in(tx, name, rows=rows)[0]["created"])
        if created != len(rows):
            raise BackupError(f"the backup is damaged: {len(rows) - created} relationship(s) "
                              "name a node it does not hold")

    def _put_file(self) -> None:
        """The spooled file into the originals area (a file streamed in frames is spooled
        under var/tmp, where the file store's own puts spool too, since a put reads)."""
        if self.spool is None:
            return
        with self.spool:
            self.spool.seek(0)
            stored = self.originals.put(self.spool)
        self.spool = None
        if stored.sha256 != self.sha256:
            raise BackupError(f"the file {self.sha256} was stored as {stored.sha256}")


def _empty(stores) -> None:
    """A failed restore's writes removed: the vault empty again, as it was found."""
    vault, database = stores.vault, stores.database("vault")
    queries.run(vault, "backup/delete_all_relationships", database=database)
    queries.run(vault, "backup/delete_all_nodes", database=database)
    queries.run(vault, "backup/drop_restore_index", database=database)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
