"""``footprints documents``: ingest files, process them, check the file store."""

from __future__ import annotations

from pathlib import Path

import click

from graph.vocabularies import choices
from service.cli.context import BY_LOGIN, CliContext, pass_cli


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
@pass_cli
def process_cmd(cli: CliContext, no_ocr: bool) -> None:
    """Process every document waiting (text, OCR, public copy, thumbnails)."""
    from documents.process import drain

    counts = drain(cli.stores, ocr=not no_ocr, progress=True)
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
