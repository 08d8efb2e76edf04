"""``footprints keys``: the data key that seals the vault's encrypted fields
(graph/encryption.py, docs/encryption.md): make one, rotate to a new one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from service.cli.context import BY_LOGIN, CliContext, pass_cli


@click.group()
def keys() -> None:
    """The data key of the vault's encrypted fields."""


@keys.command("generate")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The key file to write (readable by its owner only); never overwritten.")
def generate(output: Path) -> None:
    """Make a new data key file (32 random bytes, base64)."""
    from graph.encryption import write_key_file

    try:
        write_key_file(output)
    except FileExistsError:
        raise click.ClickException(f"{output} exists: a key file is never overwritten") from None
    click.echo(f"wrote a new data key to {output} (mode 0600); keep a copy off this machine: "
               "without it the vault's encrypted fields cannot be read")


@keys.command("rotate")
@click.option("--new-key-file", type=click.Path(path_type=Path, dir_okay=False),
              help="The new key's file (or FOOTPRINTS_NEW_DATA_KEY, base64).")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 50_000))
@BY_LOGIN
@pass_cli
def rotate(cli: CliContext, new_key_file: Path | None, batch_size: int, actor: str) -> None:
    """Re-seal every encrypted value under a new key, in batches; resumable (run it again
    after a crash, with the old key still configured). The canary switches last; then
    configure the new key."""
    import os

    from graph import encryption
    from graph.rotation import rotate as run_rotation
    from graph.rotation import to_rotate

    if new_key_file is not None:
        new = encryption.read_key_file(new_key_file)
    elif os.environ.get("FOOTPRINTS_NEW_DATA_KEY"):
        new = encryption.parse_key(os.environ["FOOTPRINTS_NEW_DATA_KEY"],
                                   "FOOTPRINTS_NEW_DATA_KEY")
    else:
        raise click.UsageError("name the new key: --new-key-file F or FOOTPRINTS_NEW_DATA_KEY")
    driver, database = cli.stores.driver("vault"), cli.stores.database("vault")
    old = encryption.Keyring(encryption.load_key(cli.settings))
    if old.current.id == new.id:
        raise click.ClickException("the new key is the key in use")
    from tqdm import tqdm

    with tqdm(total=to_rotate(driver, database, new), desc="re-sealing", unit="rec",
              file=sys.stderr, mininterval=0.5) as bar:
        report = run_rotation(driver, database, old, new, actor, batch_size=batch_size,
                              progress=bar.update)
    click.echo(report.summary())
