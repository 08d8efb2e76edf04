"""``footprints backup`` and ``footprints restore``: encrypted backups of the vault and its
documents' files, checked, restored into an empty vault, pruned (docs/backup.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from service.cli.context import BY_LOGIN, CliContext, pass_cli


def _bars():
    """A progress callback maker for ``ops.backup``: one tqdm bar per part, on stderr."""
    from tqdm import tqdm

    bars = []

    def make(name: str, total: int | None):
        unit = "rec" if name in ("nodes", "relationships") else "B"
        bar = tqdm(total=total, desc=name, unit=unit, unit_scale=unit == "B", file=sys.stderr,
                   mininterval=0.5)
        bars.append(bar)
        return bar.update

    def close():
        for bar in bars:
            bar.close()

    return make, close


@click.group(invoke_without_command=True)
@click.option("-o", "--output", type=click.Path(),  # a str: a trailing slash says "a directory"
              help="A file, or a directory (one that exists, or ending in /) for a file "
                   "named by the time (footprints-backup-YYYYMMDDTHHMMSSZ.age).")
@click.option("--recipient", "recipient_values", multiple=True,
              help="An age public key (age1…) or SSH public key to encrypt to (repeat for "
                   "several).")
@click.option("--recipients-file", "recipient_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file of recipients, one a line (as age -R reads).")
@BY_LOGIN
@click.pass_context
def backup(ctx: click.Context, output: str | None, recipient_values: tuple[str, ...],
           recipient_files: tuple[Path, ...], actor: str) -> None:
    """Back the vault up (one consistent snapshot: every node, relationship and property,
    the audit log) with the documents' original files and a manifest, encrypted to age
    recipients. Subcommands check, prune and make keys."""
    if ctx.invoked_subcommand is not None:
        return
    if output is None:
        raise click.UsageError("give -o FILE or -o DIR (or a subcommand: keygen, verify, prune)")
    from ops.backup import keys
    from ops.backup.snapshot import backup as take

    cli: CliContext = ctx.find_object(CliContext)
    make, close = _bars()
    try:
        result = take(cli.stores, output, keys.recipients(recipient_values, recipient_files),
                      actor, say=lambda line: click.echo(line, err=True), progress=make)
    finally:
        close()
    click.echo(result.summary())


@backup.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the identity (secret key); never overwritten.")
def keygen(output: Path) -> None:
    """Make an age identity (as age-keygen does): the file holds the secret key, keep it
    off the server; the public key printed is the recipient backups are encrypted to."""
    from ops.backup import keys

    recipient = keys.generate(output)
    click.echo(f"wrote the identity to {output} (keep it secret and safe: without it no "
               "backup encrypted to it can be read)")
    click.echo(f"public key: {recipient}")


@backup.command("verify")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--identity", "-i", type=click.Path(dir_okay=False, path_type=Path), required=True)
def verify_cmd(path: Path, identity: Path) -> None:
    """Decrypt a backup and check it against its manifest (every part's and file's SHA-256,
    the counts), restoring nothing."""
    from ops.backup import keys
    from ops.backup.restore import verify

    make, close = _bars()
    try:
        size = path.stat().st_size if path.exists() else None
        manifest = verify(path, keys.identities(identity), make("verifying", size))
    finally:
        close()
    counts = manifest["counts"]
    click.echo(f"{path}: intact — the backup of {manifest['created_at']}: "
               f"{counts['nodes']:,} nodes, {counts['relationships']:,} relationships, "
               f"{counts['files']:,} file(s)")


@backup.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--keep-daily", type=click.IntRange(0), default=7, show_default=True)
@click.option("--keep-weekly", type=click.IntRange(0), default=8, show_default=True)
@click.option("--dry-run", is_flag=True, help="Say what would be removed; remove nothing.")
def prune(directory: Path, keep_daily: int, keep_weekly: int, dry_run: bool) -> None:
    """Remove old backups from DIRECTORY: keep the newest of each of the last N days and of
    the last M weeks that have one."""
    from ops.backup.retention import prune as do_prune

    result = do_prune(directory, keep_daily, keep_weekly, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for path in result.remove:
        click.echo(f"{verb} {path.name}")
    click.echo(f"kept {len(result.keep)} backup(s), {verb} {len(result.remove)}")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--identity", "-i", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--no-publish", is_flag=True,
              help="Do not rebuild the public graph (run `footprints publish` later).")
@BY_LOGIN
@pass_cli
def restore(cli: CliContext, path: Path, identity: Path, no_publish: bool, actor: str) -> None:
    """Restore a backup into an EMPTY vault (refused otherwise): checked whole first, then
    every node, relationship and property, and the documents' files; then the public graph
    is rebuilt by publishing."""
    from ops.backup import keys
    from ops.backup.restore import restore as do_restore

    make, close = _bars()
    try:
        report = do_restore(cli.stores, path, keys.identities(identity), actor, progress=make)
    finally:
        close()
    click.echo(report.summary())
    if not no_publish:
        from graph.publication import publish_stores

        click.echo(publish_stores(cli.stores, actor=actor, progress=True).summary())


COMMANDS = (backup, restore)
