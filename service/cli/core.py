"""The ``footprints`` command line: servers, schema, data, and the web app.

The root group (:data:`main`) gives every command one :class:`~service.cli.context.CliContext`
(settings and stores, closed when the command ends) and one error mapping; the
interoperability commands (``service.cli.interop``), the operator's account tools
(``service.cli.users``), backup and restore (``service.cli.backup``) and the documents'
file checks (``service.cli.documents``) are registered on it here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph.vocabularies import choices
from service.cli.backup import COMMANDS as BACKUP_COMMANDS
from service.cli.context import (
    BY_EDITOR,
    BY_LOGIN,
    CliContext,
    OperatorErrors,
    echo_result,
    pass_cli,
    recheck_names,
)
from service.cli.documents import documents
from service.cli.interop import COMMANDS as INTEROP_COMMANDS
from service.cli.keys import keys
from service.cli.users import users


@click.group(cls=OperatorErrors)
def main() -> None:
    """Footprints Graph: documenting detention, abduction and enforced disappearance by the DPRK."""


# -- neo4j --------------------------------------------------------------------
@main.group()
def neo4j() -> None:
    """Provision, start and stop the local vault and public-graph servers."""


@neo4j.command()
@click.option("--no-wait", is_flag=True, help="Return without waiting for Bolt to answer.")
@pass_cli
def start(cli: CliContext, no_wait: bool) -> None:
    """Start both servers (a running one is left alone)."""
    from ops.neo4j.control import start_all

    for line in start_all(cli.settings, wait=not no_wait):
        click.echo(line)


@neo4j.command()
@pass_cli
def stop(cli: CliContext) -> None:
    """Stop both servers."""
    from ops.neo4j.control import stop_all

    for line in stop_all(cli.settings):
        click.echo(line)


@neo4j.command()
@pass_cli
def status(cli: CliContext) -> None:
    """Say whether each server runs."""
    from ops.neo4j.control import managed_instances

    for inst in managed_instances(cli.settings):
        click.echo(inst.status())
    for store in cli.settings.stores():
        if not store.managed:
            click.echo(f"{store.name}: external, {store.uri}")


@neo4j.command("wait")
@click.option("--timeout", default=120.0, show_default=True)
@pass_cli
def wait_ready(cli: CliContext, timeout: float) -> None:
    """Wait until both servers answer on Bolt."""
    from ops.neo4j.control import managed_instances

    for inst in managed_instances(cli.settings):
        inst.wait_until_ready(timeout)
        click.echo(f"{inst.store.name}: ready")


@neo4j.command()
@click.argument("store", type=click.Choice(["vault", "public"]))
@click.option("-n", "--lines", default=50, show_default=True)
@pass_cli
def logs(cli: CliContext, store: str, lines: int) -> None:
    """Print the end of a server's logs."""
    from ops.neo4j.control import Instance

    click.echo(Instance(cli.settings, getattr(cli.settings, store)).tail_logs(lines))


@neo4j.command()
@pass_cli
def provision(cli: CliContext) -> None:
    """Fetch the Neo4j jars from Maven Central (done by start when needed)."""
    from ops.neo4j.control import provision as do_provision

    click.echo(do_provision(cli.settings))


# -- db -----------------------------------------------------------------------
@main.group()
def db() -> None:
    """Schema and database maintenance."""


@db.command()
@pass_cli
def init(cli: CliContext) -> None:
    """Install constraints and indexes on both stores (idempotent)."""
    from graph.schema import install_schema

    for name in ("vault", "public"):
        created = install_schema(cli.stores.driver(name), cli.stores.database(name))
        click.echo(f"{name}: schema in place ({created} statements applied)")


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
@pass_cli
def load(cli: CliContext, path: Path, batch_size: int, actor: str) -> None:
    """Import a JSON Lines file, a CSV file or a directory of CSV files (as `export --format
    csv` writes) into the vault: validated whole, then written, with audit entries before
    and after the writes."""
    from graph.consent.apply import apply_policy
    from loaders.importer import import_file

    stores = cli.stores
    # New records get their consent label at once (private by default); nothing is
    # published until `footprints publish` or an editor's change.
    report = import_file(stores.vault, path, database=stores.database("vault"),
                         batch_size=batch_size, progress=True,
                         after=lambda drv, db, uids: apply_policy(drv, db, uids), actor=actor)
    click.echo(report.summary())
    recheck_names(stores, report.people, actor)


@main.command()
@click.option("--store", type=click.Choice(["vault", "public"]), default="public",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="csv: a directory of CSV files, one per record type.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="A file (jsonl) or a directory (csv).")
@click.option("--decrypt", is_flag=True,
              help="The vault's encrypted fields in plain text (audited); without it they "
                   "stay sealed, and the file imports back only into a vault with the key.")
@BY_LOGIN
@pass_cli
def export(cli: CliContext, store: str, fmt: str, output: Path, decrypt: bool,
           actor: str) -> None:
    """Export a store in the interchange format (JSON Lines, or CSV files)."""
    from graph import audit
    from loaders.exporter import export_csv, export_jsonl

    if fmt == "jsonl" and output.is_dir():
        raise click.ClickException(f"{output} is a directory; JSON Lines goes to a file")
    if fmt == "csv" and output.exists() and not output.is_dir():
        raise click.ClickException(f"{output} is a file; CSV export writes a directory")
    if decrypt and store != "vault":
        raise click.ClickException("--decrypt is for the vault: the public graph holds no "
                                   "encrypted field")
    driver, database = cli.stores.driver(store), cli.stores.database(store)
    if decrypt:  # who took the plain text out of the vault, and where to
        audit.append(driver, actor, "export.decrypted", None, database=database,
                     output=str(output), format=fmt)
    if fmt == "csv":
        count = sum(export_csv(driver, output, database=database, opened=decrypt).values())
    else:
        count = export_jsonl(driver, output, database=database, opened=decrypt)
    sealed = " (encrypted fields sealed; --decrypt for plain text)" if store == "vault" \
        and not decrypt else ""
    click.echo(f"wrote {count} records to {output}{sealed}")


# -- consent and publication -----------------------------------------------------
@main.command()
@BY_LOGIN
@pass_cli
def publish(cli: CliContext, actor: str) -> None:
    """Re-decide every record and rebuild the public graph (atomically, as a new generation)."""
    from graph.publication import publish_stores

    stores = cli.stores
    click.echo(publish_stores(stores, actor=actor, progress=True).summary())


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
@BY_EDITOR
@pass_cli
def consent_record(cli: CliContext, person, purpose, obtained_by, given_on, method, evidence,
                   partner, by_family, actor) -> None:
    """Record PERSON's consent."""
    from graph.consent import editor

    echo_result(editor.record_consent(
        cli.stores, person, purpose, given_on.date(), obtained_by, actor=actor, method=method,
        evidence=evidence, partner=partner, by_family=by_family))


@consent.command("withdraw")
@click.argument("person")
@click.option("--consent", "consent_uid", help="One consent by uid (default: all publication consent).")
@click.option("--purpose", default="publication", show_default=True,
              type=click.Choice(choices("consent_purpose")))
@BY_EDITOR
@pass_cli
def consent_withdraw(cli: CliContext, person, consent_uid, purpose, actor) -> None:
    """Withdraw PERSON's consent: out of the public graph before this returns."""
    from graph.consent import editor

    echo_result(editor.withdraw_consent(cli.stores, person, actor=actor, consent=consent_uid,
                                        purpose=purpose))


@main.command("at-risk")
@click.argument("person")
@click.option("--clear", is_flag=True, help="Remove the at-risk mark.")
@BY_EDITOR
@pass_cli
def at_risk(cli: CliContext, person, clear, actor) -> None:
    """Mark PERSON as a third party at risk (never published)."""
    from graph.consent import editor

    echo_result(editor.mark_at_risk(cli.stores, person, actor=actor, at_risk=not clear))


@main.command()
@click.argument("uid")
@click.argument("status", type=click.Choice(choices("review_status")))
@BY_EDITOR
@pass_cli
def review(cli: CliContext, uid, status, actor) -> None:
    """Record an editor's review for publication of UID: a person, a source or a reference
    record (place, perpetrator body, organisation, instrument, resource)."""
    from graph.consent import editor

    echo_result(editor.review(cli.stores, uid, status, actor=actor))


@main.command("source-terms")
@click.argument("source")
@click.argument("terms", type=click.Choice(choices("terms_of_use")))
@BY_EDITOR
@pass_cli
def source_terms(cli: CliContext, source, terms, actor) -> None:
    """Set SOURCE's terms of use."""
    from graph.consent import editor

    echo_result(editor.set_source_terms(cli.stores, source, terms, actor=actor))


@main.command()
@click.argument("uid")
@pass_cli
def explain(cli: CliContext, uid: str) -> None:
    """Why a vault record is, or is not, public."""
    import json

    from graph.consent import editor

    out = editor.explain(cli.stores, uid)
    click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.option("--limit", default=50, show_default=True, help="How many entries (newest first).")
@pass_cli
def withheld(cli: CliContext, limit: int) -> None:
    """The free-text gate's review list: published fields withheld because they name a
    non-public person (the platform operator's view: every organisation's)."""
    from graph.consent import screening

    entries = screening.review_list(*cli.vault())
    for entry in entries[:limit]:
        click.echo(f"{entry['record']} ({entry['type'] or '?'}): {entry['reason']}")
    click.echo(f"{len(entries)} field(s) withheld")


@main.group("audit")
def audit_group() -> None:
    """The hash-chained audit log."""


@audit_group.command()
@pass_cli
def verify(cli: CliContext) -> None:
    """Check the audit log's chain; fails and names the first bad entry."""
    from graph import audit

    result = audit.verify(*cli.vault())
    if not result.ok:
        raise click.ClickException(f"audit log is NOT intact: {result.problem}")
    click.echo(f"audit log intact: {result.entries} entries")
    for seq, subject in result.unfinished_imports:
        click.echo(f"warning: the import of {subject} logged at entry {seq} never finished "
                   "(cut short, or still running): run it again to complete it", err=True)


# -- redis --------------------------------------------------------------------
@main.group()
def redis() -> None:
    """Start and stop the local Redis the app's processes share (ops/redis/)."""


def _local_redis(cli: CliContext, port: int):
    from ops.redis.control import Redis

    return Redis(cli.settings.var_dir / "redis", port=port)


@redis.command("start")
@click.option("--port", default=6390, show_default=True, envvar="FOOTPRINTS_REDIS_PORT")
@pass_cli
def redis_start(cli: CliContext, port: int) -> None:
    """Start it (a running one is left alone)."""
    from ops.redis.control import RedisError

    server = _local_redis(cli, port)
    try:
        started = server.start()
    except RedisError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"redis: {'started' if started else 'already running'} on 127.0.0.1:{port}")


@redis.command("stop")
@click.option("--port", default=6390, show_default=True, envvar="FOOTPRINTS_REDIS_PORT")
@pass_cli
def redis_stop(cli: CliContext, port: int) -> None:
    """Stop it."""
    stopped = _local_redis(cli, port).stop()
    click.echo(f"redis: {'stopped' if stopped else 'not running'}")


# -- web ----------------------------------------------------------------------
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--workers", default="1", show_default=True, envvar="FOOTPRINTS_WORKERS",
              help="Worker processes: a number, or auto (one per core). More than one runs "
                   "gunicorn and shares state through Redis (FOOTPRINTS_REDIS_URL, or a local "
                   "one started under var/redis).")
@click.option("--redis-port", default=6390, show_default=True, envvar="FOOTPRINTS_REDIS_PORT",
              help="Port of the local Redis started for several workers.")
@click.option("--no-documents-worker", is_flag=True,
              help="Do not process uploaded documents here (another process does).")
@pass_cli
def serve(cli: CliContext, host: str, port: int, workers: str, redis_port: int,
          no_documents_worker: bool) -> None:
    """Serve the API and the pages (and process uploaded documents in the background)."""
    from service.serving import serve_processes, shared_settings, workers_for

    try:
        count = workers_for(workers)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--workers") from exc
    if count > 1:
        from ops.redis.control import RedisError

        try:
            settings, said = shared_settings(cli.settings, redis_port)
        except RedisError as exc:
            raise click.ClickException(str(exc)) from exc
        if said:
            click.echo(said)
        click.echo(f"serving on http://{host}:{port}/ with {count} worker processes")
        serve_processes(settings, host, port, count, documents_worker=not no_documents_worker)
        return
    from waitress import serve as wserve

    from documents.process import Worker
    from service.app import create_app

    app = create_app(cli.settings)
    if not no_documents_worker:  # OCR never keeps an upload waiting: a thread does it
        Worker(app.extensions["footprints.stores"]).start()
    click.echo(f"serving on http://{host}:{port}/")
    wserve(app, host=host, port=port, threads=8)


# -- the operator's account tools, documents' files, backups, interoperability and entity
# resolution --
main.add_command(users)
main.add_command(documents)
main.add_command(keys)
for command in (*BACKUP_COMMANDS, *INTEROP_COMMANDS):
    main.add_command(command)
