"""The files of an Uwazi import zip: each row's main files (``file``, ``file__<lang>``) and
its ``attachments`` (``|``-separated names), imported as Documents about the row's record.

Uwazi's import zip holds ``import.csv`` and the files its rows name. Every named file is
checked before anything is written (it is in the zip; its type, detected from its content,
is one the collection accepts), so a bad file refuses the whole import with its row and
column, like any bad cell. After the records are written, each file goes through the
document pipeline (``documents.ingest``, ``documents.process``): stored byte for byte,
read, copied without metadata for the day it may be public. The documents belong to the
import's Source, are owned by the organisation the import is for, and start with
``internal`` terms and no review: an editor decides what may be shown, as for everything
an import brings. A document's uid is derived from the file's hash and its record, so a
re-run of the same zip finds them there and adds nothing.
"""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import Problem
from loaders.uwazi.parse import split_header, split_multi

#: The columns of Uwazi's import that name files.
FILE_COLUMNS = ("file", "attachments")
#: A document's kind, from the family of its detected media type.
KIND_OF_FAMILY = {"image": "photo", "video": "video", "audio": "audio"}


@dataclass(frozen=True)
class FileRef:
    """A file a row names: the row's number and record, the column, the name in the zip."""

    line: int
    column: str
    name: str
    record: str
    language: str | None
    attachment: bool


def column_indexes(headers: list[str]) -> dict[int, tuple[str, str | None]]:
    """The file columns of a CSV: index -> (``file`` or ``attachments``, language)."""
    out = {}
    for index, header in enumerate(headers):
        name, lang = split_header(header)
        if name in FILE_COLUMNS:
            out[index] = (name, lang)
    return out


def refs_of_row(headers: list[str], cells: list[str], line: int, record: str) -> list[FileRef]:
    refs = []
    for index, (name, lang) in column_indexes(headers).items():
        cell = cells[index].strip() if index < len(cells) else ""
        if not cell:
            continue
        names = split_multi(cell) if name == "attachments" else [cell]
        refs += [FileRef(line, headers[index], n, record, lang, name == "attachments")
                 for n in names]
    return refs


def check(path: Path, refs: list[FileRef], in_zip: set[str]) -> list[Problem]:
    """Every named file is in the zip and of an accepted type (read from its first bytes)."""
    from documents.media import HEAD_BYTES, Refused, detect

    problems = []
    if refs and not zipfile.is_zipfile(path):
        return [Problem(r.line, r.column, f"{r.name!r}: a CSV names files, but only an Uwazi "
                                         "import zip holds them") for r in refs]
    with zipfile.ZipFile(path) if refs else _nothing() as archive:
        for ref in refs:
            if ref.name not in in_zip:
                problems.append(Problem(ref.line, ref.column, f"no file {ref.name!r} in the zip"))
                continue
            with archive.open(ref.name) as member:
                head = member.read(HEAD_BYTES)
            try:
                detect(head)
            except Refused as exc:
                problems.append(Problem(ref.line, ref.column, f"{ref.name!r}: {exc}"))
    return problems


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def document_uid(digest: str, record: str) -> str:
    return f"doc-{hashlib.sha256(f'{digest}|{record}'.encode()).hexdigest()[:20]}"


def import_files(stores, path: Path, refs: list[FileRef], source: str, organization: str,
                 actor: str, ocr: bool = True, progress: bool = False) -> dict[str, int]:
    """Ingest and process each file the rows named (after the records are written).
    Returns counts: ``documents`` made, ``unchanged`` (there from an earlier run),
    ``failed`` (kept, but their processing failed: ``footprints documents process``)."""
    from documents.ingest import Upload, ingest
    from documents.media import HEAD_BYTES, detect
    from documents.process import process
    from graph import queries

    counts = {"documents": 0, "unchanged": 0, "failed": 0}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(refs), desc="files", unit="file", file=sys.stderr)
    with zipfile.ZipFile(path) as archive:
        for ref in refs:
            data = archive.read(ref.name)
            uid = document_uid(hashlib.sha256(data).hexdigest(), ref.record)
            if queries.run(stores.vault, "documents/count_documents_from",
                           database=stores.database("vault"), prefix=uid)[0]["documents"]:
                counts["unchanged"] += 1
            else:
                media = detect(data[:HEAD_BYTES])
                kind = KIND_OF_FAMILY.get(media.family, "official_document")
                title = Path(ref.name).stem.replace("_", " ")
                upload = Upload(kind=kind, terms_of_use="internal", source=source,
                                title_en=title, language=ref.language if ref.language in
                                ("ko", "en", "ja", "zh") else None, about=[ref.record],
                                filename=ref.name, uid=uid)
                ingest(stores, io.BytesIO(data), upload, organization=organization, actor=actor)
                counts["documents"] += 1
                if process(stores, uid, ocr=ocr, actor=actor) != "done":
                    counts["failed"] += 1
            if bar:
                bar.update(1)
    if bar:
        bar.close()
    return counts
