"""CLI commands for interoperability and entity resolution (registered on ``footprints``).

Imports from Uwazi go to the vault and leave everyone Confidential until consent is
recorded; every export reads the public graph only; ``dedupe`` proposes, editors
``judge``, and ``merged-view`` shows a cluster with the provenance of each value.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from service.cli.context import CliContext, login_actor, pass_cli, recheck_names

#: The shipped example mapping (a FOOTPRINTS-style victim template).
DEFAULT_MAPPING = Path(__file__).resolve().parents[2] / "examples" / "uwazi" / "footprints-victims.yml"


def _mapping(path: Path):
    from loaders.uwazi.mapping import load_mapping

    return load_mapping(path)


MAPPING = click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False,
                       path_type=Path), default=DEFAULT_MAPPING, show_default="the FOOTPRINTS example",
                       help="The YAML mapping of Uwazi templates to Footprints records.")
OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)


@click.command("import-uwazi")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@MAPPING
@click.option("--template", help="The Uwazi template of every row (if the file has no Template column).")
@click.option("--batch-size", default=2000, show_default=True)
@click.option("--by", "actor", default=None, show_default="cli:<login name>",
              help="Who imports (for the audit log).")
@click.option("--organization", default=None,
              help="The organisation an import zip's files are submitted for (needed when its "
                   "rows name files).")
@click.option("--no-ocr", is_flag=True, help="Read the files' text layers only; no OCR.")
@pass_cli
def import_uwazi_cmd(cli: CliContext, path: Path, mapping_path: Path, template: str | None,
                     batch_size: int, actor: str | None, organization: str | None,
                     no_ocr: bool) -> None:
    """Import an Uwazi CSV (or import zip) into the vault: checked whole, then written, with
    audit entries before and after the writes. Imported people are Confidential until an
    editor records their consent."""
    from loaders.uwazi import import_uwazi

    mapping = _mapping(mapping_path)
    actor = actor or login_actor()
    stores = cli.stores
    report = import_uwazi(stores.vault, path, mapping, database=stores.database("vault"),
                          template=template, batch_size=batch_size, actor=actor,
                          files_for=organization)
    click.echo(report.summary())
    recheck_names(stores, report.people, actor)
    if report.files:
        from loaders.uwazi.files import import_files

        counts = import_files(stores, path, report.files, report.files_source, organization,
                              actor, ocr=not no_ocr, progress=True)
        click.echo(f"files: {counts['documents']} document(s) made, {counts['unchanged']} "
                   f"already there, {counts['failed']} could not be read "
                   "(kept; see footprints documents process)")


@click.command("export-uwazi")
@click.option("--template", "templates", multiple=True,
              help="A template of the mapping to export (e.g. victim); repeat for several. "
                   "Default: every template, in one file as Uwazi exports several.")
@MAPPING
@OUTPUT
@pass_cli
def export_uwazi_cmd(cli: CliContext, templates: tuple[str, ...], mapping_path: Path,
                     output: Path) -> None:
    """Export the public graph in Uwazi's CSV form (consent-filtered by construction):
    Title, Date added, Template, the properties, Documents, Attachments, Published."""
    from loaders.uwazi.export import export_uwazi

    mapping = _mapping(mapping_path)
    n = export_uwazi(cli.stores.public, mapping, list(templates) or None, output,
                     database=cli.stores.database("public"))
    which = ", ".join(templates) if templates else "every template's"
    click.echo(f"wrote {n} rows ({which}) to {output}")


@click.command("export-ftm")
@OUTPUT
@pass_cli
def export_ftm_cmd(cli: CliContext, output: Path) -> None:
    """Export the public graph as FollowTheMoney entities (JSON Lines)."""
    from loaders.ftm import export_ftm

    n = export_ftm(cli.stores.public, output, database=cli.stores.database("public"))
    click.echo(f"wrote {n} FtM entities to {output}")


@click.command("export-graph")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml",
              show_default=True)
@OUTPUT
@pass_cli
def export_graph_cmd(cli: CliContext, fmt: str, output: Path) -> None:
    """Export the public graph as GraphML or GEXF (for Gephi)."""
    from loaders.gephi import export_graph

    nodes, edges = export_graph(cli.stores.public, output, fmt,
                                database=cli.stores.database("public"))
    click.echo(f"wrote {nodes} nodes and {edges} edges to {output} ({fmt})")


@click.command()
@click.option("--min-confidence", type=click.Choice(["high", "medium", "low"]), default="low",
              show_default=True)
@click.option("--show", default=20, show_default=True, help="How many open candidates to list.")
@click.option("--sample", default=1000, show_default=True,
              help="Victims in the generated labelled sample (0: skip the evaluation).")
@click.option("--seed", default=1, show_default=True)
@pass_cli
def dedupe(cli: CliContext, min_confidence: str, show: int, sample: int, seed: int) -> None:
    """Report candidate duplicate people in the vault, judgements so far, and precision and
    recall on a generated sample with planted duplicates. Changes nothing."""
    from loaders.resolution.report import dedupe_report

    report = dedupe_report(*cli.vault(), min_confidence, sample, seed)
    for line in report.lines(show):
        click.echo(line)


@click.command()
@click.argument("a")
@click.argument("b")
@click.argument("verdict", required=False, type=click.Choice(["same", "different", "unsure"]))
@click.option("--retract", is_flag=True, help="Remove the pair's judgement instead.")
@click.option("--note")
@click.option("--by", "actor", required=True, help="Who judges (for the audit log).")
@pass_cli
def judge(cli: CliContext, a: str, b: str, verdict: str | None, retract: bool, note: str | None,
          actor: str) -> None:
    """Judge whether people A and B are the same person (replaces an earlier judgement)."""
    from graph.resolution import judgements

    if retract == bool(verdict):
        raise click.UsageError("give a VERDICT, or --retract")
    if retract:
        result = judgements.retract(cli.stores, a, b, actor=actor, note=note)
    else:
        result = judgements.judge(cli.stores, a, b, verdict, actor=actor, note=note)
    click.echo(result.message)


@click.command("merged-view")
@click.argument("uid")
@click.option("--store", type=click.Choice(["vault", "public"]), default="vault", show_default=True)
@pass_cli
def merged_view_cmd(cli: CliContext, uid: str, store: str) -> None:
    """The merged view of a person: every record judged the same, each value with its records."""
    from graph.resolution.merged import merged_view

    view = merged_view(cli.stores.driver(store), cli.stores.database(store), uid, store)
    if view is None:
        raise click.ClickException(f"no person {uid!r} in the {store}")
    click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2, default=str))


COMMANDS = (import_uwazi_cmd, export_uwazi_cmd, export_ftm_cmd, export_graph_cmd, dedupe, judge,
            merged_view_cmd)
