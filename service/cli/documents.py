"""``footprints documents``: ingest files, process them, check the file store.

``verify`` is the file store's custody check: every file the graph says is stored is
there and whole, and nothing else is (documents/verify.py). The originals area is checked
against the vault's Document nodes, the public area against the public graph's, each
through its named query (cypher/documents/).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import click

from graph.vocabularies import choices
from service.cli.context import BY_LOGIN, CliContext, pass_cli

#: Each area, the graph that says what it holds, and the query that reads it.
AREAS = {"originals": ("vault", "documents/list_originals"),
         "public": ("public", "documents/list_public_files")}


@click.group()
def documents() -> None:
    """Documents and media: letters, photos, footage, filings (docs/documents.md)."""


@documents.command("ingest")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", required=True, type=click.Choice(choices("document_kind")))
@click.option("--source", required=True, help="The uid of the Source the document belongs to.")
@click.option("--terms", "terms_of_use", required=True, type=click.Choice(choices("terms_of_use")),
              help="The document's own terms of use.")
@click.option("--organization", required=True,
              help="The uid of the organisation that submits (and owns) it.")
@click.option("--title-en", default=None)
@click.option("--title-ko", default=None)
@click.option("--date", "when", default=None, help="YYYY-MM-DD.")
@click.option("--language", default=None, type=click.Choice(choices("document_language")))
@click.option("--about", multiple=True, help="A record it is about (repeat for several).")
@click.option("--later", is_flag=True,
              help="Only keep the file; a worker (or `documents process`) reads it later.")
@click.option("--no-ocr", is_flag=True, help="Read text layers only; no OCR of scans.")
@BY_LOGIN
@pass_cli
def ingest_cmd(cli: CliContext, path: Path, kind: str, source: str, terms_of_use: str,
               organization: str, title_en: str | None, title_ko: str | None, when: str | None,
               language: str | None, about: tuple[str, ...], later: bool, no_ocr: bool,
               actor: str) -> None:
    """Keep a file as a Document of SOURCE's, and read it (text, OCR, public copy)."""
    from documents.ingest import IngestError, Upload, ingest
    from documents.process import process

    upload = Upload(kind=kind, terms_of_use=terms_of_use, source=source, title_en=title_en,
                    title_ko=title_ko, date=when, language=language, about=list(about),
                    filename=path.name)
    try:
        with path.open("rb") as stream:
            doc = ingest(cli.stores, stream, upload, organization=organization, actor=actor)
    except IngestError as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    click.echo(f"{doc['uid']}: kept {doc['size']:,} bytes ({doc['media_type']}), "
               f"sha256 {doc['sha256']}")
    if not later:
        status = process(cli.stores, doc["uid"], ocr=not no_ocr, actor=actor)
        click.echo(f"{doc['uid']}: processing {status}")


@documents.command("process")
@click.option("--no-ocr", is_flag=True, help="Read text layers only; no OCR of scans.")
@click.option("--time-limit", default=15 * 60, show_default=True, type=float,
              help="Seconds one document may take (each runs in a child process); 0: no limit, "
                   "in this process.")
@BY_LOGIN
@pass_cli
def process_cmd(cli: CliContext, no_ocr: bool, time_limit: float, actor: str) -> None:
    """Process every document waiting (text, OCR, public copy, thumbnails)."""
    from documents.process import drain

    counts = drain(cli.stores, ocr=not no_ocr, progress=True, actor=actor,
                   time_limit=time_limit or None)
    click.echo(f"processed {counts['done']} document(s); {counts['failed']} failed")
    if counts["failed"]:
        raise SystemExit(1)


@documents.command("demo")
@click.option("--victims", default=12, show_default=True,
              help="How many victims the demo's documents are about.")
@click.option("--seed", default=1, show_default=True)
@click.option("--no-ocr", is_flag=True, help="Read text layers only; no OCR of scans.")
@BY_LOGIN
@pass_cli
def demo_cmd(cli: CliContext, victims: int, seed: int, no_ocr: bool, actor: str) -> None:
    """Synthetic letters, scans, photos and videos about the vault's victims (the demo)."""
    from documents.demo import make

    made = make(cli.stores, victims=victims, seed=seed, ocr=not no_ocr, actor=actor,
                progress=True)
    click.echo("demo documents: " + ", ".join(f"{n} {k}" for k, n in sorted(made.items())))


@documents.command()
@click.option("--area", type=click.Choice([*AREAS, "both"]), default="both", show_default=True)
@pass_cli
def verify(cli: CliContext, area: str) -> None:
    """Re-hash every stored file against its document: report the missing, the corrupt
    (bytes or size not the recorded ones) and the orphans (stored, named by no document);
    exit status 1 on any."""
    from tqdm import tqdm

    from documents.store import open_store
    from documents.verify import verify as check
    from graph import queries

    problems = 0
    for name in AREAS if area == "both" else (area,):
        graph, query = AREAS[name]
        rows = queries.run(cli.stores.driver(graph), query, cli.stores.database(graph))
        expected: dict[str, int | None] = {}
        owners: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            expected.setdefault(row["sha256"], row["size"])
            owners[row["sha256"]].append(f"{row['uid']} ({row['role']})")
        with tqdm(total=sum(size or 0 for size in expected.values()), unit="B", unit_scale=True,
                  desc=f"verifying {name}", file=sys.stderr, mininterval=0.5) as bar:
            report = check(open_store(cli.settings, name), expected, progress=bar.update)
        click.echo(f"{name}: {len(expected)} file(s) expected, {report.ok} ok, "
                   f"{len(report.missing)} missing, {len(report.corrupt)} corrupt, "
                   f"{len(report.orphans)} orphan(s)")
        for sha256 in report.missing:
            click.echo(f"  missing  {sha256}  {', '.join(owners[sha256])}")
        for sha256 in report.corrupt:
            click.echo(f"  corrupt  {sha256}  {', '.join(owners[sha256])}: {report.reasons[sha256]}")
        for sha256 in report.orphans:
            click.echo(f"  orphan   {sha256}  (no document names it)")
        problems += report.problems
    if problems:
        raise click.ClickException(f"the file store has {problems} problem(s)")
