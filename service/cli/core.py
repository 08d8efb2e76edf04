"""The ``footprints`` command line: servers, schema, data, and the web app."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph.settings import Settings, SettingsError
from graph.vocabularies import choices


def login_actor() -> str:
    """The audit log's actor for a command run without ``--by``: ``cli:`` and the login
    name the operating system gives (its say-so, like ``--by``: the log records who
    claimed a change, and the hash chain that nobody changed the claim since)."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli:unknown"


#: ``--by`` for commands whose changes anyone running the CLI may make.
BY_LOGIN = click.option("--by", "actor", default=login_actor, show_default="cli:<login name>",
                        help="Who makes the change (for the audit log).")


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
@click.option("--scale", type=click.Choice(["tiny", "small", "demo", "medium", "large", "full", "stress"]),
              default=None, help="demo: about 2,000 victims; large: 100,000; full: 250,000.")
@click.option("--victims", type=click.IntRange(1, 300_000), default=None)
@click.option("--seed", default=1, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def generate(scale: str | None, victims: int | None, seed: int, output: Path) -> None:
    """Write a synthetic dataset (JSON Lines). Every record says it is synthetic."""
    from tqdm import tqdm

    from loaders.synthetic import SCALES, write_jsonl
    from loaders.synthetic import generate as gen

    count = victims or SCALES[scale or "demo"]
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tqdm(desc=f"generating {count} victims", unit="rec", file=sys.stderr,
              mininterval=0.5) as bar:
        n = write_jsonl(gen(count, seed=seed), output, progress=bar.update)
    click.echo(f"wrote {n} records to {output} in {time.monotonic() - started:.1f} s")


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--batch-size", default=2000, show_default=True)
@BY_LOGIN
def load(path: Path, batch_size: int, actor: str) -> None:
    """Import a JSON Lines file, a CSV file or a directory of CSV files (as `export --format
    csv` writes) into the vault: validated whole, then written, with audit entries before
    and after the writes."""
    from graph.connections import Stores
    from graph.consent.apply import apply_policy
    from loaders.importer import import_file

    stores = Stores(_settings())
    try:
        # New records get their consent label at once (private by default); nothing is
        # published until `footprints publish` or an editor's change.
        report = import_file(stores.vault, path, database=stores.database("vault"),
                             batch_size=batch_size, progress=True,
                             after=lambda drv, db, uids: apply_policy(drv, db, uids),
                             actor=actor)
        click.echo(report.summary())
        recheck_names(stores, report.people, actor)
    finally:
        stores.close()


def recheck_names(stores, people: list[str], actor: str) -> None:
    """Published text that names a person just imported is checked again by the free-text
    gate at once: the person is not public (yet), so their name must not stay published."""
    from neo4j.exceptions import ServiceUnavailable

    from graph.publication import republish_naming

    try:
        report = republish_naming(stores.vault, stores.public, people, stores.database("vault"),
                                  stores.database("public"), actor=actor)
    except ServiceUnavailable as exc:
        raise click.ClickException(
            "the records are in the vault, but the public graph is not reachable to check "
            "its published text against the names imported; start it and run "
            f"`footprints publish` ({exc})") from exc
    if report is not None:
        click.echo(f"free-text gate: {report.withheld_fields} published field(s) withheld that "
                   "name an imported person who is not public")


@main.command()
@click.option("--store", type=click.Choice(["vault", "public"]), default="public",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="csv: a directory of CSV files, one per record type.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="A file (jsonl) or a directory (csv).")
def export(store: str, fmt: str, output: Path) -> None:
    """Export a store in the interchange format (JSON Lines, or CSV files)."""
    from graph.connections import Stores
    from loaders.exporter import ExportError, export_csv, export_jsonl

    if fmt == "jsonl" and output.is_dir():
        raise click.ClickException(f"{output} is a directory; JSON Lines goes to a file")
    if fmt == "csv" and output.exists() and not output.is_dir():
        raise click.ClickException(f"{output} is a file; CSV export writes a directory")
    stores = Stores(_settings())
    try:
        if fmt == "csv":
            counts = export_csv(stores.driver(store), output, database=stores.database(store))
            count = sum(counts.values())
        else:
            count = export_jsonl(stores.driver(store), output, database=stores.database(store))
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        stores.close()
    click.echo(f"wrote {count} records to {output}")


# -- consent and publication -----------------------------------------------------
def _with_stores(fn):
    from graph.connections import Stores
    from graph.consent.editor import EditError

    stores = Stores(_settings())
    try:
        return fn(stores)
    except EditError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        stores.close()


def _echo_result(result) -> None:
    click.echo(result.message)
    if result.publication is not None:
        click.echo(f"  public graph updated in {result.publication.seconds:.3f} s")


ACTOR = click.option("--by", "actor", required=True, help="Who makes the change (for the audit log).")


@main.command()
@BY_LOGIN
def publish(actor: str) -> None:
    """Re-decide every record and rebuild the public graph (atomically, as a new generation)."""
    from graph.publication import publish_all

    def run(stores):
        return publish_all(stores.vault, stores.public, stores.database("vault"),
                           stores.database("public"), actor=actor, progress=True)

    click.echo(_with_stores(run).summary())


@main.group()
def consent() -> None:
    """Record and withdraw consent."""


@consent.command("record")
@click.argument("person")
@click.option("--purpose", required=True, type=click.Choice(choices("consent_purpose")))
@click.option("--obtained-by", required=True)
@click.option("--date", "given_on", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--method", type=click.Choice(choices("consent_method")))
@click.option("--evidence")
@click.option("--partner", help="Organization uid, for partner_sharing.")
@click.option("--by-family", is_flag=True, help="Given by the family of a dead or disappeared person.")
@ACTOR
def consent_record(person, purpose, obtained_by, given_on, method, evidence, partner, by_family,
                   actor) -> None:
    """Record PERSON's consent."""
    from graph.consent import editor

    _echo_result(_with_stores(lambda s: editor.record_consent(
        s, person, purpose, given_on.date(), obtained_by, actor=actor, method=method,
        evidence=evidence, partner=partner, by_family=by_family)))


@consent.command("withdraw")
@click.argument("person")
@click.option("--consent", "consent_uid", help="One consent by uid (default: all publication consent).")
@click.option("--purpose", default="publication", show_default=True,
              type=click.Choice(choices("consent_purpose")))
@ACTOR
def consent_withdraw(person, consent_uid, purpose, actor) -> None:
    """Withdraw PERSON's consent: out of the public graph before this returns."""
    from graph.consent import editor

    _echo_result(_with_stores(lambda s: editor.withdraw_consent(
        s, person, actor=actor, consent=consent_uid, purpose=purpose)))


@main.command("at-risk")
@click.argument("person")
@click.option("--clear", is_flag=True, help="Remove the at-risk mark.")
@ACTOR
def at_risk(person, clear, actor) -> None:
    """Mark PERSON as a third party at risk (never published)."""
    from graph.consent import editor

    _echo_result(_with_stores(lambda s: editor.mark_at_risk(s, person, actor=actor,
                                                            at_risk=not clear)))


@main.command()
@click.argument("uid")
@click.argument("status", type=click.Choice(choices("review_status")))
@ACTOR
def review(uid, status, actor) -> None:
    """Record an editor's review for publication of UID: a person, a source or a reference
    record (place, perpetrator body, organisation, instrument, resource)."""
    from graph.consent import editor

    _echo_result(_with_stores(lambda s: editor.review(s, uid, status, actor=actor)))


@main.command("source-terms")
@click.argument("source")
@click.argument("terms", type=click.Choice(choices("terms_of_use")))
@ACTOR
def source_terms(source, terms, actor) -> None:
    """Set SOURCE's terms of use."""
    from graph.consent import editor

    _echo_result(_with_stores(lambda s: editor.set_source_terms(s, source, terms, actor=actor)))


@main.command()
@click.argument("uid")
def explain(uid: str) -> None:
    """Why a vault record is, or is not, public."""
    import json

    from graph.consent import editor

    out = _with_stores(lambda s: editor.explain(s, uid))
    click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.option("--limit", default=50, show_default=True, help="How many entries (newest first).")
def withheld(limit: int) -> None:
    """The free-text gate's review list: published fields withheld because they name a
    non-public person (the platform operator's view: every organisation's)."""
    from graph.consent import screening

    entries = _with_stores(lambda s: screening.review_list(s.vault, s.database("vault")))
    for entry in entries[:limit]:
        click.echo(f"{entry['record']} ({entry['type'] or '?'}): {entry['reason']}")
    click.echo(f"{len(entries)} field(s) withheld")


@main.group("audit")
def audit_group() -> None:
    """The hash-chained audit log."""


@audit_group.command()
def verify() -> None:
    """Check the audit log's chain; fails and names the first bad entry."""
    from graph import audit

    result = _with_stores(lambda s: audit.verify(s.vault, s.database("vault")))
    if not result.ok:
        raise click.ClickException(f"audit log is NOT intact: {result.problem}")
    click.echo(f"audit log intact: {result.entries} entries")
    for seq, subject in result.unfinished_imports:
        click.echo(f"warning: the import of {subject} logged at entry {seq} never finished "
                   "(cut short, or still running): run it again to complete it", err=True)


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


from service.cli.users import users  # noqa: E402

main.add_command(users)

# -- interoperability and entity resolution (service/cli/interop.py) ---------------
from service.cli.interop import register  # noqa: E402

register(main)

