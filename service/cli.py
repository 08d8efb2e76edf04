"""The ``footprints`` command line: servers, schema, data, and the web app."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph.settings import Settings, SettingsError


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


class _Errors(click.Group):
    """Turns operator-facing errors into one clear line instead of a traceback."""

    def invoke(self, ctx):
        from graph.connections import NoPasswordError
        from loaders.errors import LoadError
        from ops.neo4j.control import Neo4jError

        try:
            return super().invoke(ctx)
        except (Neo4jError, NoPasswordError, LoadError) as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Errors)
def main() -> None:
    """Footprints Graph: documenting detention, abduction and enforced disappearance by the DPRK."""


# -- neo4j --------------------------------------------------------------------
@main.group()
def neo4j() -> None:
    """Provision, start and stop the local vault and public-graph servers."""


@neo4j.command()
@click.option("--no-wait", is_flag=True, help="Return without waiting for Bolt to answer.")
def start(no_wait: bool) -> None:
    """Start both servers (a running one is left alone)."""
    from ops.neo4j.control import start_all

    for line in start_all(_settings(), wait=not no_wait):
        click.echo(line)


@neo4j.command()
def stop() -> None:
    """Stop both servers."""
    from ops.neo4j.control import stop_all

    for line in stop_all(_settings()):
        click.echo(line)


@neo4j.command()
def status() -> None:
    """Say whether each server runs."""
    from ops.neo4j.control import managed_instances

    settings = _settings()
    for inst in managed_instances(settings):
        click.echo(inst.status())
    for store in settings.stores():
        if not store.managed:
            click.echo(f"{store.name}: external, {store.uri}")


@neo4j.command("wait")
@click.option("--timeout", default=120.0, show_default=True)
def wait_ready(timeout: float) -> None:
    """Wait until both servers answer on Bolt."""
    from ops.neo4j.control import managed_instances

    for inst in managed_instances(_settings()):
        inst.wait_until_ready(timeout)
        click.echo(f"{inst.store.name}: ready")


@neo4j.command()
@click.argument("store", type=click.Choice(["vault", "public"]))
@click.option("-n", "--lines", default=50, show_default=True)
def logs(store: str, lines: int) -> None:
    """Print the end of a server's logs."""
    from ops.neo4j.control import Instance

    settings = _settings()
    click.echo(Instance(settings, getattr(settings, store)).tail_logs(lines))


@neo4j.command()
def provision() -> None:
    """Fetch the Neo4j jars from Maven Central (done by start when needed)."""
    from ops.neo4j.control import provision as do_provision

    click.echo(do_provision(_settings()))


# -- db -----------------------------------------------------------------------
@main.group()
def db() -> None:
    """Schema and database maintenance."""


@db.command()
def init() -> None:
    """Install constraints and indexes on both stores (idempotent)."""
    from graph.connections import Stores
    from graph.schema import install_schema

    stores = Stores(_settings())
    try:
        for name in ("vault", "public"):
            created = install_schema(stores.driver(name), stores.database(name))
            click.echo(f"{name}: schema in place ({created} statements applied)")
    finally:
        stores.close()


# -- data ---------------------------------------------------------------------
@main.command()
@click.option("--scale", type=click.Choice(["demo", "small"]), default=None,
              help="demo: about 2,000 victims.")
@click.option("--victims", type=click.IntRange(1, 300_000), default=None)
@click.option("--seed", default=1, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def generate(scale: str | None, victims: int | None, seed: int, output: Path) -> None:
    """Write a synthetic dataset (JSON Lines). Every record says it is synthetic."""
    from loaders.synthetic import SCALES, write_jsonl
    from loaders.synthetic import generate as gen

    count = victims or SCALES[scale or "demo"]
    started = time.monotonic()
    with click.progressbar(length=count, label=f"generating {count} victims",
                           file=sys.stderr) as bar:
        n = write_jsonl(gen(count, seed=seed), output, progress=bar.update)
    click.echo(f"wrote {n} records to {output} in {time.monotonic() - started:.1f} s")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch-size", default=2000, show_default=True)
def load(path: Path, batch_size: int) -> None:
    """Import a JSON Lines (or CSV) file into the vault: validated whole, then written."""
    from graph.connections import Stores
    from loaders.importer import import_file

    stores = Stores(_settings())
    try:
        report = import_file(stores.vault, path, database=stores.database("vault"),
                             batch_size=batch_size, progress=True)
    finally:
        stores.close()
    click.echo(report.summary())


@main.command()
@click.option("--store", type=click.Choice(["vault", "public"]), default="public",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(store: str, output: Path) -> None:
    """Export a store in the interchange format (JSON Lines)."""
    from graph.connections import Stores
    from loaders.exporter import export_jsonl

    stores = Stores(_settings())
    try:
        count = export_jsonl(stores.driver(store), output, database=stores.database(store))
    finally:
        stores.close()
    click.echo(f"wrote {count} records to {output}")


# -- web ----------------------------------------------------------------------
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def serve(host: str, port: int) -> None:
    """Serve the API and the pages."""
    from service.app import create_app

    app = create_app(_settings())
    click.echo(f"serving on http://{host}:{port}/")
    from waitress import serve as wserve

    wserve(app, host=host, port=port, threads=8)


if __name__ == "__main__":
    main()
