"""``footprints documents``: the documents' files.

``verify`` is the file store's custody check: every file the graph says is stored is
there and whole, and nothing else is (documents/verify.py). The originals area is checked
against the vault's Document nodes, the public area against the public graph's, each
through its named query (cypher/documents/).
"""

from __future__ import annotations

import sys
from collections import defaultdict

import click

from service.cli.context import CliContext, pass_cli

#: Each area, the graph that says what it holds, and the query that reads it.
AREAS = {"originals": ("vault", "documents/list_originals"),
         "public": ("public", "documents/list_public_files")}


@click.group()
def documents() -> None:
    """Documents' files (the file store)."""


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
